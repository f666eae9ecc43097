package com.consentledger.ledger.eventstore;

import com.consentledger.ledger.database.LedgerDatabase.StatementPlans;
import com.consentledger.ledger.testing.StoreFixture;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static com.consentledger.ledger.testing.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reads that walk the whole store must walk an index in its order, never sort the table: a bare
 * {@code ORDER BY transaction_id} once resolved to the output column (the bigint cast) and sorted all events
 * on every catch-up read, 19 s per batch at a million events.
 */
class QueryPlansTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();

    @Test
    void catch_up_reads_and_positions_follow_an_index_without_sorting() {
        for (int batch = 0; batch < 20; batch++) {
            List<NewEvent> events = new ArrayList<>();
            for (int index = 0; index < 50; index++) {
                events.add(StoreFixture.event("SwitchTurnedOn.v1", "S-" + index, "{}"));
            }
            await(FIXTURE.store.append(events, AppendCondition.none()));
        }
        await(FIXTURE.ownerPool.query("ANALYZE ledger.events").execute());

        // the service runs the store's statements on generic plans (StatementPlans.GENERIC): those are checked
        assertThat(FIXTURE.genericPlan(PgEventStore.READ_AFTER_SQL))
                .contains("events_commit_order").doesNotContain("Sort");
        // followers of types without access records never touch them (V010)
        assertThat(FIXTURE.genericPlan(PgEventStore.READ_TYPES_AFTER_WITHOUT_ACCESSES_SQL))
                .contains("events_commit_order_without_accesses").doesNotContain("Seq Scan");
        assertThat(FIXTURE.genericPlan(PgEventStore.LATEST_POSITION_SQL))
                .contains("events_commit_order").doesNotContain("Sort");
        assertThat(FIXTURE.genericPlan(PgEventStore.POSITION_AT_SQL)).doesNotContain("Seq Scan");
        assertThat(FIXTURE.genericPlan(PgEventStore.POSITIONS_OF_SQL)).contains("events_event_id_key");
        // append_events finds earlier appends by client event id on the partial unique index (V007)
        assertThat(FIXTURE.genericPlan("SELECT position FROM ledger.events WHERE client_event_id = ANY($1::text[])"))
                .containsPattern("Scan on events_client_event_id\\s").doesNotContain("Seq Scan");
        // a criterion that names its types reaches the partial tag index (V009), alone or beside another
        assertThat(FIXTURE.genericPlan(PgEventStore.sourceSql(List.of(false))))
                .contains("events_tags").doesNotContain("Seq Scan");
        assertThat(FIXTURE.genericPlan(PgEventStore.sourceSql(List.of(false, false))))
                .contains("events_tags").doesNotContain("Seq Scan");
    }

    /*
     * Under PostgreSQL's default plan_cache_mode the sourcing statement was planned again on every call: its
     * generic estimate (an unknown array of tags) stays worse than a call's own, although both pick the tag
     * index. Planning took 0.25 ms a call against 0.12 ms of running it. (On this small table the default mode
     * settles on the generic plan after its first five calls; on the service's it did not.)
     */
    @Test
    void a_store_on_a_generic_plan_pool_never_plans_its_reads_with_the_values_of_a_call() {
        await(FIXTURE.store.append(List.of(StoreFixture.event("SwitchTurnedOn.v1", "S-plans", "{}")),
                AppendCondition.none()));
        assertThat(customAndGenericPlansOfSourcing(StatementPlans.GENERIC)).containsExactly(0L, 8L);
        assertThat(customAndGenericPlansOfSourcing(StatementPlans.PER_CALL_WHEN_CHEAPER).getFirst()).isEqualTo(5L);
    }

    /** Sources eight times through a store on a one-connection pool; that connection's plan counts of it. */
    private static List<Long> customAndGenericPlansOfSourcing(StatementPlans plans) {
        Pool single = FIXTURE.database.createPool(FIXTURE.vertx, "plans-" + plans, 1, 100, plans);
        try {
            PgEventStore store = await(PgEventStore.start(FIXTURE.vertx, single, null, GroupCommitSettings.DEFAULT));
            for (int call = 0; call < 8; call++) {
                await(store.source(List.of(Criterion.tagged("subjectId=S-plans").ofTypes("SwitchTurnedOn.v1"))));
            }
            Row counts = await(single.query("""
                    SELECT custom_plans, generic_plans FROM pg_prepared_statements
                    WHERE statement LIKE '%tags @>%'""").execute()).iterator().next();
            store.close();
            return List.of(counts.getLong("custom_plans"), counts.getLong("generic_plans"));
        } finally {
            await(single.close());
        }
    }
}
