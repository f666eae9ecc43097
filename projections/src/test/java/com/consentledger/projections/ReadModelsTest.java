package com.consentledger.projections;

import com.consentledger.ledger.consent.ConsentState;
import com.consentledger.ledger.consent.PurposeStatus;
import com.consentledger.ledger.demo.DemoEmployees;
import com.consentledger.ledger.demo.DemoPolicy;
import com.consentledger.ledger.eventstore.CommitPosition;
import com.consentledger.ledger.testing.StoreFixture;
import com.consentledger.ledger.events.Verdict;
import com.consentledger.ledger.offboarding.Obligation;
import com.consentledger.projections.access.AccessLogQueries;
import com.consentledger.projections.audit.ObligationQueries;
import com.consentledger.projections.audit.ObligationsProjection;
import com.consentledger.projections.consent.ConsentQueries;
import com.consentledger.projections.consent.Replay;
import com.consentledger.projections.runner.ProjectionRunner;
import com.consentledger.projections.testing.LedgerScenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.consentledger.ledger.testing.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

class ReadModelsTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();
    static final ProjectionRunner.Settings FAST = new ProjectionRunner.Settings(100, Duration.ofMillis(50));

    private static LedgerScenario scenario;
    private static ReadModels models;

    @BeforeAll
    static void project() throws Exception {
        scenario = new LedgerScenario(FIXTURE, 40);
        models = scenario.project(FIXTURE, FAST);
    }

    @AfterAll
    static void stop() {
        models.close();
        scenario.ledger.close();
    }


    @Test
    void every_projection_applies_every_event_of_its_types_once_and_commits_its_checkpoint() {
        CommitPosition latest = await(FIXTURE.store.latestPosition());
        for (String name : models.names()) {
            ProjectionRunner.Checkpoint checkpoint = models.runner(name).checkpoint();
            assertThat(checkpoint.eventsApplied()).as(name)
                    .isEqualTo(LedgerScenario.eventsOf(FIXTURE, models.runner(name).projection()));
            assertThat(checkpoint.position()).as(name + " read past the access records at the end").isEqualTo(latest);
        }
        assertThat(await(models.lag())).allSatisfy(lag -> assertThat(lag.caughtUp()).isTrue());
        assertThat(count("projections.policy_versions")).isEqualTo(1);
        assertThat(count("projections.consent_changes")).isEqualTo(FIXTURE.count(
                "type IN ('ConsentGranted.v1', 'ConsentWithdrawn.v1', 'SubjectDeactivated.v1', 'SubjectErased.v1')"));
        assertThat(count("projections.obligations")).isEqualTo(3);
    }

    @Test
    void the_projection_answers_point_in_time_questions_like_the_replay() {
        ConsentQueries queries = new ConsentQueries(FIXTURE.pool);
        Replay replay = new Replay(FIXTURE.store);
        Instant now = Instant.now();
        List<Instant> instants = List.of(now, now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(4)),
                now.minus(Duration.ofDays(45)), now.minus(Duration.ofDays(80)), now.minusSeconds(5));
        for (int index = 0; index < scenario.employees.size(); index++) {
            String subject = DemoEmployees.subjectId(index);
            for (Instant asOf : instants) {
                for (Instant knownAt : instants) {
                    assertThat(LedgerScenario.summary(await(queries.statesAt(subject, DemoPolicy.POLICY_ID, asOf, knownAt))))
                            .as("%s asOf %s knownAt %s", subject, asOf, knownAt)
                            .isEqualTo(LedgerScenario.summary(await(replay.statesAt(subject, DemoPolicy.POLICY_ID, asOf, knownAt))));
                }
            }
        }
    }

    @Test
    void a_late_grant_counts_from_when_it_was_made_but_only_once_the_ledger_knew_it() {
        ConsentQueries queries = new ConsentQueries(FIXTURE.pool);
        String subject = DemoEmployees.subjectId(0);
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
        Instant recorded = await(FIXTURE.ownerPool.query("SELECT recorded_at FROM ledger.events WHERE subject = '"
                + subject + "' AND type = 'ConsentGranted.v1' AND payload->>'purpose' = 'profile-avatar'"
                + " AND occurred_at < now() - interval '2 days'").execute()).iterator().next()
                .getOffsetDateTime("recorded_at").toInstant();

        assertThat(state(await(queries.statesAt(subject, DemoPolicy.POLICY_ID, twoDaysAgo, recorded)), "profile-avatar"))
                .isEqualTo(ConsentState.GRANTED);
        assertThat(state(await(queries.statesAt(subject, DemoPolicy.POLICY_ID, twoDaysAgo, recorded.minusNanos(1000))),
                "profile-avatar")).isNotEqualTo(ConsentState.GRANTED);
        // before the policy was recorded (during this test run) the ledger knew no purposes at all
        assertThat(await(queries.statesAt(subject, DemoPolicy.POLICY_ID, twoDaysAgo, twoDaysAgo))).isEmpty();
    }

    @Test
    void a_deactivated_subject_is_deactivated_in_every_purpose_from_then_on() {
        ConsentQueries queries = new ConsentQueries(FIXTURE.pool);
        assertThat(await(queries.statesAt(DemoEmployees.subjectId(1), DemoPolicy.POLICY_ID, Instant.now(), Instant.now())))
                .isNotEmpty().allSatisfy(status -> assertThat(status.state()).isEqualTo(ConsentState.DEACTIVATED));
    }

    @Test
    void a_restarted_runner_resumes_from_its_checkpoint_and_applies_only_new_events() throws Exception {
        ProjectionRunner.Checkpoint before = models.runner(ObligationsProjection.NAME).checkpoint();
        models.close();
        ReadModels restarted = await(ReadModels.start(FIXTURE.vertx, FIXTURE.pool, FIXTURE.store, ReadModels.all(), FAST));
        try {
            assertThat(restarted.runner(ObligationsProjection.NAME).checkpoint()).isEqualTo(before);
            LedgerScenario.await(scenario.ledger.recordAccess(LedgerScenario.access("E000005", "device-binding", "imei"), null));
            await(restarted.caughtUp(Duration.ofSeconds(30)));
            // nothing applied twice, and the access (not an obligations event) passed by, not applied
            ProjectionRunner.Checkpoint after = restarted.runner(ObligationsProjection.NAME).checkpoint();
            assertThat(after.eventsApplied()).isEqualTo(before.eventsApplied());
            assertThat(after.position()).isEqualTo(await(FIXTURE.store.latestPosition())).isGreaterThan(before.position());
        } finally {
            restarted.close();
            models = await(ReadModels.start(FIXTURE.vertx, FIXTURE.pool, FIXTURE.store, ReadModels.all(), FAST));
            await(models.caughtUp(Duration.ofSeconds(30)));
        }
    }

    @Test
    void the_access_log_filters_and_pages_newest_first_without_gaps_or_repeats() {
        AccessLogQueries log = new AccessLogQueries(FIXTURE.pool);
        List<AccessLogQueries.Entry> all = await(log.page(AccessLogQueries.Filter.ALL, null, 1_000)).items();
        List<AccessLogQueries.Entry> paged = new java.util.ArrayList<>();
        Long cursor = null;
        do {
            AccessLogQueries.Page page = await(log.page(AccessLogQueries.Filter.ALL, cursor, 7));
            paged.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);

        assertThat(paged).isEqualTo(all);
        assertThat(all).extracting(AccessLogQueries.Entry::position).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(await(log.page(new AccessLogQueries.Filter("E000011", null, null, null, null), null, 100)).items())
                .hasSize(2).allSatisfy(entry -> assertThat(entry.subjectId()).isEqualTo("E000011"));
        assertThat(await(log.page(new AccessLogQueries.Filter(null, "device-binding", Verdict.ALLOWED, null, null), null, 1_000))
                .items()).allSatisfy(entry -> {
                    assertThat(entry.purpose()).isEqualTo("device-binding");
                    assertThat(entry.basis().getString("type")).isEqualTo("hr-management");
                });
        assertThat(await(log.page(new AccessLogQueries.Filter(null, null, Verdict.DENIED, null, null), null, 1_000)).items())
                .isNotEmpty().allSatisfy(entry -> assertThat(entry.verdict()).isEqualTo("denied"));
        assertThat(await(log.page(new AccessLogQueries.Filter(null, null, null, null, Instant.now().minus(Duration.ofDays(400))),
                null, 10)).items()).isEmpty();
    }

    @Test
    void obligations_are_pending_met_or_late_at_the_time_of_the_question() {
        ObligationQueries obligations = new ObligationQueries(FIXTURE.pool);
        Instant now = Instant.now();

        assertThat(await(obligations.list(Obligation.Status.PENDING, now)))
                .extracting(Obligation::subjectId, Obligation::kind)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("E000003", Obligation.Kind.DEACTIVATION),
                        org.assertj.core.groups.Tuple.tuple("E000004", Obligation.Kind.ERASURE));
        // left ten days ago, deactivated only now: met, but late
        assertThat(await(obligations.list(Obligation.Status.LATE, now))).extracting(Obligation::subjectId)
                .containsExactly("E000002");
        assertThat(await(obligations.list(Obligation.Status.MET, now))).isEmpty();
        assertThat(await(obligations.list(Obligation.Status.LATE, now.plus(Duration.ofDays(20)))))
                .extracting(Obligation::subjectId).containsExactlyInAnyOrder("E000002", "E000003", "E000004");
    }

    private static ConsentState state(List<PurposeStatus> states, String purpose) {
        return states.stream().filter(status -> status.purpose().equals(purpose)).findFirst().orElseThrow().state();
    }

    private static long count(String table) {
        return await(FIXTURE.ownerPool.query("SELECT count(*) FROM " + table).execute())
                .iterator().next().getLong(0);
    }
}
