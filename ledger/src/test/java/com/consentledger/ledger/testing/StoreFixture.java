package com.consentledger.ledger.testing;

import com.consentledger.ledger.database.LedgerDatabase;
import com.consentledger.ledger.eventstore.GroupCommitSettings;
import com.consentledger.ledger.eventstore.NewEvent;
import com.consentledger.ledger.eventstore.PgEventStore;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A fresh database, a pool as the service role, and an event store over them. As a
 * {@code @RegisterExtension static} field it lives for one test class.
 */
public final class StoreFixture implements AutoCloseable, AfterAllCallback {

    public final Vertx vertx = Vertx.vertx();
    public final LedgerDatabase database = TestPostgres.freshDatabase();
    public final Pool pool;
    public final Pool ownerPool;
    public final PgEventStore store;

    public StoreFixture() {
        this(GroupCommitSettings.DEFAULT);
    }

    public StoreFixture(GroupCommitSettings settings) {
        pool = database.createPool(vertx, 8, 10_000);
        ownerPool = PgBuilder.pool().connectingTo(database.ownerConnectOptions()).using(vertx).build();
        store = TestPostgres.await(PgEventStore.start(vertx, pool, null, settings));
    }

    public static NewEvent event(String type, String subject, String payloadJson) {
        return new NewEvent(UUID.randomUUID(), type, subject, Set.of("subjectId=" + subject), payloadJson, null, null,
                Instant.parse("2025-03-03T08:00:00Z"));
    }

    /** The plan of {@code sql} as the service role would run it, sequential scans discouraged. */
    public String plan(String sql, Tuple parameters) {
        return TestPostgres.await(pool.withConnection(connection -> connection.query("SET enable_seqscan = off").execute()
                .compose(off -> connection.preparedQuery("EXPLAIN " + sql).execute(parameters))
                .map(StoreFixture::lines)));
    }

    private static String lines(RowSet<Row> rows) {
        List<String> lines = new ArrayList<>();
        for (Row row : rows) {
            lines.add(row.getString(0));
        }
        return String.join("\n", lines);
    }

    /**
     * The generic plan of {@code sql} (no values bound), as a pool with {@code StatementPlans.GENERIC} runs it
     * on every call; sequential scans discouraged as in {@link #plan}.
     */
    public String genericPlan(String sql) {
        return TestPostgres.await(pool.withConnection(connection -> connection.query("SET enable_seqscan = off").execute()
                .compose(off -> connection.query("EXPLAIN (GENERIC_PLAN) " + sql).execute())
                .map(StoreFixture::lines)));
    }

    public long count(String whereClause) {
        return TestPostgres.await(ownerPool.query("SELECT count(*) FROM ledger.events WHERE " + whereClause).execute())
                .iterator().next().getLong(0);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        store.close();
        TestPostgres.await(pool.close());
        TestPostgres.await(ownerPool.close());
        TestPostgres.await(vertx.close());
    }
}
