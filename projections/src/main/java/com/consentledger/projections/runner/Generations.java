package com.consentledger.projections.runner;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** The generation of a projection's tables that queries read. */
public final class Generations {

    /** SQL for "the active generation of projection $n", to embed in queries: one snapshot sees one generation. */
    public static String active(String projection) {
        return "(SELECT generation FROM projections.active_generations WHERE projection = '" + projection + "')";
    }

    private Generations() {
    }

    /** The active generation, creating generation 1 for a projection seen for the first time. */
    public static Future<Integer> activate(Pool pool, String projection) {
        // on a clash the no-op update returns the generation already active, in the same round trip
        return pool.preparedQuery("""
                        INSERT INTO projections.active_generations VALUES ($1, 1)
                        ON CONFLICT (projection) DO UPDATE SET generation = projections.active_generations.generation
                        RETURNING generation""")
                .execute(Tuple.of(projection))
                .map(rows -> rows.iterator().next().getInteger("generation"));
    }

    public static Future<Integer> read(SqlClient client, String projection) {
        return client.preparedQuery("SELECT generation FROM projections.active_generations WHERE projection = $1")
                .execute(Tuple.of(projection))
                .map(rows -> rows.iterator().next().getInteger("generation"));
    }
}
