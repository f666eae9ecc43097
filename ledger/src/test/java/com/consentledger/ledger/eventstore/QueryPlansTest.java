package com.consentledger.ledger.eventstore;

import com.consentledger.ledger.testing.StoreFixture;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.ZoneOffset;
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

        assertThat(FIXTURE.plan(PgEventStore.READ_AFTER_SQL, Tuple.of("0", 0L, 500)))
                .contains("events_commit_order").doesNotContain("Sort");
        // followers of types without access records never touch them (V010)
        assertThat(FIXTURE.plan(PgEventStore.READ_TYPES_AFTER_WITHOUT_ACCESSES_SQL,
                Tuple.of("0", 0L, 500, new String[]{"ConsentGranted.v1"})))
                .contains("events_commit_order_without_accesses");
        assertThat(FIXTURE.plan(PgEventStore.LATEST_POSITION_SQL, Tuple.tuple()))
                .contains("events_commit_order").doesNotContain("Sort");
        assertThat(FIXTURE.plan(PgEventStore.POSITION_AT_SQL, Tuple.of(Instant.EPOCH.atOffset(ZoneOffset.UTC))))
                .doesNotContain("Seq Scan");
        // append_events finds earlier appends by client event id on the partial unique index (V007)
        assertThat(FIXTURE.plan("SELECT position FROM ledger.events WHERE client_event_id = ANY($1)",
                Tuple.of((Object) new String[]{"order-1", "order-2"})))
                .containsPattern("Scan on events_client_event_id\\s").doesNotContain("Seq Scan");
        // a criterion that names its types reaches the partial tag index (V009), alone or beside another
        String[] tags = {"subjectId=S-1"};
        String[] types = {"SwitchTurnedOn.v1"};
        assertThat(FIXTURE.plan(PgEventStore.sourceSql(List.of(false)), Tuple.tuple(List.of(tags, types))))
                .contains("events_tags").doesNotContain("Seq Scan");
        assertThat(FIXTURE.plan(PgEventStore.sourceSql(List.of(false, false)), Tuple.tuple(List.of(tags, types, tags, types))))
                .contains("events_tags").doesNotContain("Seq Scan");
    }
}
