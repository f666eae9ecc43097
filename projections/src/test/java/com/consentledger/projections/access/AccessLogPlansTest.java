package com.consentledger.projections.access;

import com.consentledger.ledger.events.Verdict;
import com.consentledger.ledger.eventstore.AppendCondition;
import com.consentledger.ledger.eventstore.NewEvent;
import com.consentledger.ledger.testing.StoreFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.consentledger.ledger.testing.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access log reads the events table, the biggest there is: each auditor filter must reach its rows through
 * the partial index meant for it (migration V008), not by walking every access.
 */
class AccessLogPlansTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();

    @BeforeAll
    static void accesses() {
        for (int batch = 0; batch < 20; batch++) {
            List<NewEvent> events = new ArrayList<>();
            for (int index = 0; index < 100; index++) {
                boolean rare = index == 0;
                events.add(StoreFixture.event("DataAccessed.v1", "E%06d".formatted(batch * 100 + index), """
                        {"accessId": "a-%d-%d", "purpose": "%s", "verdict": "%s", "reason": "r", "processor": "p",
                         "dataCategories": ["imei"], "basis": {"type": "contract"}}""".formatted(batch, index,
                        rare ? "rare-purpose" : "location-clock-in", rare ? "denied" : "allowed")));
            }
            await(FIXTURE.store.append(events, AppendCondition.none()));
        }
        await(FIXTURE.ownerPool.query("ANALYZE ledger.events").execute());
    }

    private static String plan(AccessLogQueries.Filter filter) {
        AccessLogQueries.Query query = AccessLogQueries.query(filter, null, 101);
        return FIXTURE.plan(query.sql(), query.parameters());
    }

    @Test
    void each_filter_uses_its_index() {
        assertThat(plan(new AccessLogQueries.Filter("E000042", null, null, null, null))).contains("events_subject");
        assertThat(plan(new AccessLogQueries.Filter(null, "rare-purpose", null, null, null))).contains("events_access_purpose");
        assertThat(plan(new AccessLogQueries.Filter(null, null, Verdict.DENIED, null, null))).contains("events_access_denied");
        assertThat(plan(new AccessLogQueries.Filter(null, null, null, Instant.parse("2025-03-01T00:00:00Z"),
                Instant.parse("2025-03-02T00:00:00Z")))).contains("events_access_occurred");
    }

    @Test
    void a_filtered_page_reads_the_accesses_with_their_fields() {
        AccessLogQueries.Page page = await(new AccessLogQueries(FIXTURE.pool)
                .page(new AccessLogQueries.Filter(null, "rare-purpose", Verdict.DENIED, null, null), null, 5));

        assertThat(page.items()).hasSize(5).allSatisfy(entry -> {
            assertThat(entry.purpose()).isEqualTo("rare-purpose");
            assertThat(entry.verdict()).isEqualTo("denied");
            assertThat(entry.dataCategories()).containsExactly("imei");
            assertThat(entry.basis().getString("type")).isEqualTo("contract");
        });
        assertThat(page.next()).isEqualTo(page.items().getLast().position());
    }
}
