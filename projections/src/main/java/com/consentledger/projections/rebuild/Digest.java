package com.consentledger.projections.rebuild;

import com.consentledger.projections.runner.Projection;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * A digest of one generation of a projection: md5 over every row of its tables (all columns but the
 * generation), in a canonical order. Two generations built from the same events must have equal digests.
 */
public final class Digest {

    private static final String COLUMNS = """
            SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS columns
            FROM information_schema.columns
            WHERE table_schema = $1 AND table_name = $2 AND column_name <> 'generation'""";

    private Digest() {
    }

    public record Result(String md5, long rows) {
    }

    public static Future<Result> of(Pool pool, Projection projection, int generation) {
        List<Future<Result>> tables = new ArrayList<>();
        for (String table : projection.tables()) {
            tables.add(table(pool, table, generation));
        }
        return Future.all(tables).compose(done -> {
            StringBuilder combined = new StringBuilder();
            long rows = 0;
            for (Future<Result> table : tables) {
                combined.append(table.result().md5()).append(';');
                rows += table.result().rows();
            }
            long total = rows;
            return pool.preparedQuery("SELECT md5($1) AS md5").execute(Tuple.of(combined.toString()))
                    .map(result -> new Result(result.iterator().next().getString("md5"), total));
        });
    }

    private static Future<Result> table(Pool pool, String qualifiedTable, int generation) {
        String[] parts = qualifiedTable.split("\\.");
        return pool.preparedQuery(COLUMNS).execute(Tuple.of(parts[0], parts[1])).compose(columns -> {
            String sql = "SELECT md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) AS md5, count(*) AS rows "
                    + "FROM (SELECT " + columns.iterator().next().getString("columns") + " FROM " + qualifiedTable
                    + " WHERE generation = $1) r";
            return pool.preparedQuery(sql).execute(Tuple.of(generation));
        }).map(rows -> {
            var row = rows.iterator().next();
            return new Result(row.getString("md5"), row.getLong("rows"));
        });
    }
}
