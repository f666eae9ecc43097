package com.consentledger.projections.rebuild;

import com.consentledger.ledger.consent.PurposeStatus;
import com.consentledger.ledger.demo.DemoEmployees;
import com.consentledger.ledger.demo.DemoPolicy;
import com.consentledger.ledger.testing.StoreFixture;
import com.consentledger.projections.ReadModels;
import com.consentledger.projections.consent.ConsentHistoryProjection;
import com.consentledger.projections.consent.ConsentQueries;
import com.consentledger.projections.runner.Generations;
import com.consentledger.projections.runner.ProjectionRunner;
import com.consentledger.projections.testing.LedgerScenario;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static com.consentledger.ledger.testing.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

class RebuildTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();

    private static LedgerScenario scenario;
    private static ReadModels models;

    @BeforeAll
    static void project() throws Exception {
        scenario = new LedgerScenario(FIXTURE, 60);
        models = scenario.project(FIXTURE, new ProjectionRunner.Settings(50, Duration.ofMillis(50)));
    }

    @AfterAll
    static void stop() {
        models.close();
        scenario.ledger.close();
    }


    @Test
    void a_rebuild_while_serving_swaps_in_an_identical_generation_and_no_query_sees_it_half_built() throws Exception {
        ConsentQueries queries = new ConsentQueries(FIXTURE.pool);
        Instant at = Instant.now();
        List<List<String>> expected = new ArrayList<>();
        for (int index = 0; index < 10; index++) {
            expected.add(LedgerScenario.summary(await(queries.statesAt(DemoEmployees.subjectId(index), DemoPolicy.POLICY_ID, at, at))));
        }
        long changes = activeConsentChanges();
        AtomicBoolean serving = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofPlatform().start(() -> {
            while (serving.get()) {
                int index = (int) (answered.get() % expected.size());
                List<String> answer = LedgerScenario.summary(await(queries.statesAt(DemoEmployees.subjectId(index), DemoPolicy.POLICY_ID, at, at)));
                if (!answer.equals(expected.get(index))) {
                    wrong.add(index + ": " + answer);
                }
                // the writer adds accesses only: a half-built generation would show fewer consent changes
                long rows = activeConsentChanges();
                if (rows != changes) {
                    wrong.add("consent changes went from " + changes + " to " + rows);
                }
                answered.incrementAndGet();
            }
        });
        Thread writer = Thread.ofPlatform().start(() -> {
            while (serving.get()) {
                try {
                    LedgerScenario.await(scenario.ledger.recordAccess(LedgerScenario.access("E000007", "device-binding", "imei"), null));
                } catch (Exception failure) {
                    wrong.add("write failed: " + failure);
                }
            }
        });

        List<RebuildReport> reports = new ArrayList<>();
        for (String projection : models.names()) {
            reports.add(await(models.rebuild(projection)));
        }
        serving.set(false);
        reader.join(TimeUnit.SECONDS.toMillis(30));
        writer.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(reports).allSatisfy(report -> {
            assertThat(report.identical()).as(report.toString()).isTrue();
            assertThat(report.rebuiltGeneration()).isEqualTo(report.liveGeneration() + 1);
            assertThat(await(Generations.read(FIXTURE.pool, report.projection()))).isEqualTo(report.rebuiltGeneration());
            assertThat(models.progress(report.projection()).stage()).isEqualTo("done");
        });
        assertThat(wrong).isEmpty();
        assertThat(answered.get()).isPositive();
        // the new generations keep following the store, and the old ones are gone
        await(models.caughtUp(Duration.ofSeconds(30)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(await(FIXTURE.pool.query(
                "SELECT count(*) FROM projections.consent_changes").execute()).iterator().next().getLong(0))
                .isEqualTo(changes));
    }

    private static long activeConsentChanges() {
        return await(FIXTURE.pool.query("SELECT count(*) FROM projections.consent_changes WHERE generation = "
                + Generations.active(ConsentHistoryProjection.NAME)).execute()).iterator().next().getLong(0);
    }
}
