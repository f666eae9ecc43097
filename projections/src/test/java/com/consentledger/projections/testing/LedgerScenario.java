package com.consentledger.projections.testing;

import com.consentledger.ledger.application.InMemoryConsentStateView;
import com.consentledger.ledger.access.DecideAccess;
import com.consentledger.ledger.application.ConsentLedger;
import com.consentledger.ledger.calendar.CalendarFile;
import com.consentledger.ledger.consent.GrantConsent;
import com.consentledger.ledger.demo.DemoEmployees;
import com.consentledger.ledger.demo.DemoPolicy;
import com.consentledger.ledger.demo.DemoSeeder;
import com.consentledger.ledger.offboarding.DeactivateSubject;
import com.consentledger.ledger.offboarding.OffboardSubject;
import com.consentledger.ledger.offboarding.RequestErasure;
import com.consentledger.ledger.consent.PurposeStatus;
import com.consentledger.ledger.testing.StoreFixture;
import com.consentledger.ledger.testing.TestPostgres;
import com.consentledger.projections.ReadModels;
import com.consentledger.projections.runner.Events;
import com.consentledger.projections.runner.Projection;
import com.consentledger.projections.runner.ProjectionRunner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** A ledger with the demo policy, some employees, accesses, a late grant, offboarding and an erasure request. */
public final class LedgerScenario {

    public final ConsentLedger ledger;
    public final List<DemoEmployees.DemoEmployee> employees;

    public LedgerScenario(StoreFixture fixture, int employeeCount) throws Exception {
        ledger = ConsentLedger.start(fixture.vertx, fixture.store, Clock.systemUTC(), UUID::randomUUID,
                CalendarFile.bundledSample(), new InMemoryConsentStateView());
        employees = DemoSeeder.employees(employeeCount, Instant.now());
        await(DemoSeeder.seed(ledger, employees));
        Instant now = Instant.now();
        for (int index = 0; index < employees.size(); index++) {
            await(ledger.recordAccess(access(DemoEmployees.subjectId(index), "location-clock-in", "precise-location"), null));
            await(ledger.recordAccess(access(DemoEmployees.subjectId(index), "device-binding", "imei"), null));
        }
        // a grant made offline three days ago that only now reaches the ledger
        await(ledger.decide(new GrantConsent(DemoEmployees.subjectId(0), DemoPolicy.POLICY_ID, "profile-avatar",
                DemoPolicy.FIRST_VERSION, List.of(), "android-app", null, now.minus(Duration.ofDays(3)))));
        await(ledger.decide(new OffboardSubject(DemoEmployees.subjectId(1), now.minus(Duration.ofDays(10)))));
        await(ledger.decide(new DeactivateSubject(DemoEmployees.subjectId(1), null)));
        await(ledger.decide(new OffboardSubject(DemoEmployees.subjectId(2), now.minus(Duration.ofHours(1)))));
        await(ledger.decide(new RequestErasure(DemoEmployees.subjectId(3), DemoEmployees.subjectId(3), null)));
    }

    /** The read models over this scenario's store, caught up. */
    public ReadModels project(StoreFixture fixture, ProjectionRunner.Settings settings) {
        ReadModels models = TestPostgres.await(ReadModels.start(fixture.vertx, fixture.pool, fixture.store, ReadModels.all(),
                settings));
        TestPostgres.await(models.caughtUp(Duration.ofSeconds(30)));
        return models;
    }

    /** A point-in-time answer as an auditor reads it: each purpose's state and the position behind it. */
    /** How many events of the projection's types the store holds: what its runner applies, one by one. */
    public static long eventsOf(StoreFixture fixture, Projection projection) {
        return fixture.count(Events.typeNames(projection.eventTypes()).stream()
                .map(type -> "'" + type + "'").collect(Collectors.joining(", ", "type IN (", ")")));
    }

    public static List<String> summary(List<PurposeStatus> states) {
        return states.stream().map(status -> status.purpose() + "=" + status.state().value() + "@"
                + (status.decidedBy() == null ? "-" : status.decidedBy().position())).toList();
    }

    public static DecideAccess access(String subject, String purpose, String category) {
        return new DecideAccess(subject, DemoPolicy.POLICY_ID, purpose, List.of(category), "attendance", null);
    }

    public static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(60, TimeUnit.SECONDS);
    }
}
