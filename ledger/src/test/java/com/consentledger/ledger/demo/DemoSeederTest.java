package com.consentledger.ledger.demo;

import com.consentledger.ledger.application.InMemoryConsentStateView;
import com.consentledger.ledger.application.ConsentLedger;
import com.consentledger.ledger.calendar.CalendarFile;
import com.consentledger.ledger.testing.StoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSeederTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();

    @Test
    void seeds_the_policy_and_every_decision_once_and_nothing_on_a_second_start() throws Exception {
        List<DemoEmployees.DemoEmployee> employees = DemoSeeder.employees(300, Instant.now());
        long decisions = employees.stream().mapToLong(employee -> employee.decisions().size()).sum();
        try (ConsentLedger ledger = ConsentLedger.start(FIXTURE.vertx, FIXTURE.store, Clock.systemUTC(), UUID::randomUUID,
                CalendarFile.bundledSample(), new InMemoryConsentStateView())) {
            long started = System.nanoTime();
            int seeded = DemoSeeder.seed(ledger, employees).get(120, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("seeded %d decisions of %d employees in %.2f s (%.0f decisions/s)%n", seeded,
                    employees.size(), seconds, seeded / seconds);

            assertThat(seeded).isEqualTo(decisions);
            assertThat(FIXTURE.count("type = 'PolicyVersionPublished.v1'")).isEqualTo(1);
            assertThat(FIXTURE.count("type IN ('ConsentGranted.v1', 'ConsentWithdrawn.v1')")).isEqualTo(
                    employees.stream().flatMap(employee -> employee.decisions().stream())
                            .mapToLong(decision -> decision instanceof com.consentledger.ledger.consent.AcceptAllPurposes all
                                    ? all.purposes().size() : 1).sum());

            assertThat(DemoSeeder.seed(ledger, employees).get(30, TimeUnit.SECONDS)).isZero();
            assertThat(FIXTURE.count("type = 'PolicyVersionPublished.v1'")).isEqualTo(1);
        }
    }
}
