package com.consentledger.ledger.application;

import com.consentledger.ledger.access.AccessVerdict;
import com.consentledger.ledger.access.DecideAccess;
import com.consentledger.ledger.calendar.CalendarFile;
import com.consentledger.ledger.consent.ConsentState;
import com.consentledger.ledger.consent.GrantConsent;
import com.consentledger.ledger.consent.PurposeStatus;
import com.consentledger.ledger.consent.WithdrawConsent;
import com.consentledger.ledger.demo.DemoPolicy;
import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.EventCatalogue;
import com.consentledger.ledger.events.Evidence;
import com.consentledger.ledger.events.Verdict;
import com.consentledger.ledger.eventstore.AppendCondition;
import com.consentledger.ledger.eventstore.NewEvent;
import com.consentledger.ledger.rules.Rule;
import com.consentledger.ledger.rules.RuleViolation;
import com.consentledger.ledger.subject.SubjectHistory;
import com.consentledger.ledger.testing.StoreFixture;
import com.consentledger.ledger.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The application service through Axon and our engine, on real PostgreSQL. */
class ConsentLedgerTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();

    private static final String LOCATION = "location-clock-in";
    private static final Instant DECIDED_AT = Instant.parse("2025-03-03T08:00:00Z");
    private static ConsentLedger ledger;

    @BeforeAll
    static void publishTheDemoPolicy() throws Exception {
        ledger = ConsentLedger.start(FIXTURE.vertx, FIXTURE.store, Clock.systemUTC(), UUID::randomUUID,
                CalendarFile.bundledSample(), new InMemoryConsentStateView());
        await(ledger.publish(DemoPolicy.firstVersion()));
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static GrantConsent grantLocation(String subject) {
        return new GrantConsent(subject, DemoPolicy.POLICY_ID, LOCATION, DemoPolicy.FIRST_VERSION, List.of("amap-sdk"),
                "android-app", new Evidence(DECIDED_AT.minusSeconds(20), DemoPolicy.textSha256()), DECIDED_AT);
    }

    private static DecideAccess clockIn(String subject, Instant at) {
        return new DecideAccess(subject, DemoPolicy.POLICY_ID, LOCATION, List.of("precise-location"), "attendance", at);
    }

    @Test
    void a_grant_is_stored_with_its_position_and_an_access_cites_that_position_as_its_basis() throws Exception {
        var committed = await(ledger.decide(grantLocation("E-1"))).getFirst();
        assertThat(committed.position()).isPositive();
        assertThat(FIXTURE.count("position = " + committed.position()
                + " AND type = 'ConsentGranted.v1' AND subject = 'E-1' AND occurred_at = '" + DECIDED_AT + "'")).isEqualTo(1);

        var access = await(ledger.recordAccess(clockIn("E-1", DECIDED_AT.plusSeconds(60)), null));

        assertThat(access.verdict().verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(access.verdict().basis().position()).isEqualTo(committed.position());
        assertThat(access.verdict().basis().consentId()).isEqualTo(((ConsentGranted) committed.event()).consentId());
        assertThat(FIXTURE.count("position = " + access.position() + " AND type = 'DataAccessed.v1' AND subject = 'E-1'"
                + " AND tags @> '{subjectId=E-1,processor=attendance}' AND payload->>'accessId' = '" + access.accessId() + "'"))
                .isEqualTo(1);
    }

    @Test
    void listeners_hear_of_each_commit_with_its_position_right_after_it() throws Exception {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        ledger.onCommitted((event, position) -> {
            if (event instanceof com.consentledger.ledger.events.SubjectEvent subjectEvent
                    && subjectEvent.subjectId().equals("E-7")) {
                heard.add(event.getClass().getSimpleName() + "@" + position);
            }
        });
        var granted = await(ledger.decide(grantLocation("E-7"))).getFirst();
        var access = await(ledger.recordAccess(clockIn("E-7", DECIDED_AT.plusSeconds(1)), null));

        assertThat(heard).containsExactly("ConsentGranted@" + granted.position(), "DataAccessed@" + access.position());
    }

    @Test
    void a_denied_access_is_recorded_too() throws Exception {
        var access = await(ledger.recordAccess(clockIn("E-2", DECIDED_AT), null));

        assertThat(access.verdict().reason()).isEqualTo(AccessVerdict.NEVER_GRANTED);
        assertThat(FIXTURE.count("position = " + access.position() + " AND payload->>'verdict' = 'denied'")).isEqualTo(1);
    }

    @Test
    void a_broken_rule_fails_with_its_typed_violation_and_stores_nothing() {
        long before = FIXTURE.count("subject = 'E-3'");
        assertThatThrownBy(() -> await(ledger.decide(new WithdrawConsent("E-3", LOCATION, null, null, null))))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(RuleViolation.class,
                        violation -> assertThat(violation.rule()).isEqualTo(Rule.CONSENT_NOT_IN_FORCE));
        assertThatThrownBy(() -> await(ledger.decide(new GrantConsent("E-3", null, LOCATION, "2020-07-20", List.of(),
                "app", null, null)))).cause().isInstanceOfSatisfying(RuleViolation.class,
                violation -> assertThat(violation.field()).isEqualTo("policyId"));
        assertThat(FIXTURE.count("subject = 'E-3'")).isEqualTo(before);
    }

    @Test
    void concurrent_withdrawals_of_one_consent_record_one_and_tell_the_others_it_is_no_longer_in_force() throws Exception {
        await(ledger.decide(grantLocation("E-4")));

        List<CompletableFuture<?>> withdrawals = IntStream.range(0, 8)
                .mapToObj(attempt -> ledger.decide(new WithdrawConsent("E-4", LOCATION, "attempt " + attempt, null, null))
                        .handle((done, failure) -> failure == null ? "withdrawn" : failure.getClass().getSimpleName()
                                + ":" + ((RuleViolation) failure.getCause()).rule()))
                .<CompletableFuture<?>>map(future -> future)
                .toList();
        List<Object> outcomes = withdrawals.stream().map(CompletableFuture::join).map(Object.class::cast).toList();

        assertThat(outcomes).filteredOn("withdrawn"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> !"withdrawn".equals(outcome))
                .allSatisfy(outcome -> assertThat(outcome.toString()).endsWith(Rule.CONSENT_NOT_IN_FORCE.name()));
        assertThat(FIXTURE.count("subject = 'E-4' AND type = 'ConsentWithdrawn.v1'")).isEqualTo(1);
    }

    @Test
    void the_subject_history_and_states_read_back_with_positions() throws Exception {
        await(ledger.decide(grantLocation("E-5")));
        await(ledger.recordAccess(clockIn("E-5", DECIDED_AT.plusSeconds(1)), null));

        SubjectHistory history = await(ledger.subjectHistory("E-5"));
        List<PurposeStatus> states = await(ledger.statesAt("E-5", DemoPolicy.POLICY_ID, DECIDED_AT.plusSeconds(1)));

        assertThat(history.events()).singleElement().satisfies(recorded -> assertThat(recorded.position()).isPositive());
        assertThat(states).extracting(PurposeStatus::purpose).containsExactlyElementsOf(
                DemoPolicy.PURPOSES.stream().map(purpose -> purpose.id()).toList());
        assertThat(states).filteredOn(state -> state.purpose().equals(LOCATION)).singleElement()
                .extracting(PurposeStatus::state).isEqualTo(ConsentState.GRANTED);
        assertThat(states).filteredOn(state -> state.purpose().equals("device-binding")).singleElement()
                .extracting(PurposeStatus::state).isEqualTo(ConsentState.NOT_REQUIRED);
        assertThat(states).filteredOn(state -> state.purpose().equals("app-analytics")).singleElement()
                .extracting(PurposeStatus::state).isEqualTo(ConsentState.NEVER_GRANTED);
    }

    @Test
    void an_event_type_this_build_does_not_know_is_skipped_and_counted_not_fatal() throws Exception {
        await(ledger.decide(grantLocation("E-6")));
        NewEvent fromTheFuture = new NewEvent(UUID.randomUUID(), "ConsentGranted.v2", "E-6", Set.of("subjectId=E-6"),
                "{\"subject\": {\"id\": \"E-6\"}, \"scope\": [\"everything\"]}", "{}", null, DECIDED_AT);
        TestPostgres.await(FIXTURE.store.append(List.of(fromTheFuture), AppendCondition.none()));

        var access = await(ledger.recordAccess(clockIn("E-6", DECIDED_AT.plusSeconds(5)), null));
        var withdrawn = await(ledger.decide(new WithdrawConsent("E-6", LOCATION, null, null, null)));

        assertThat(access.verdict().allowed()).isTrue();
        assertThat(withdrawn).hasSize(1);
        assertThat(await(ledger.subjectHistory("E-6")).events()).hasSize(2);
        assertThat(EventCatalogue.LEDGER.skippedTypes()).containsKey("ConsentGranted.v2");
    }
}
