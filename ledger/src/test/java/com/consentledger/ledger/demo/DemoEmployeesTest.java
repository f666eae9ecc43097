package com.consentledger.ledger.demo;

import com.consentledger.ledger.consent.AcceptAllPurposes;
import com.consentledger.ledger.consent.ConsentCommand;
import com.consentledger.ledger.consent.ConsentDecisions;
import com.consentledger.ledger.consent.GrantConsent;
import com.consentledger.ledger.consent.WithdrawConsent;
import com.consentledger.ledger.events.LedgerEvent;
import com.consentledger.ledger.policy.PolicyDecisions;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.ledger.subject.SubjectHistory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DemoEmployeesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private static final List<DemoEmployees.DemoEmployee> EMPLOYEES = DemoSeeder.employees(5_000, NOW);

    @Test
    void the_same_seed_gives_the_same_employees() {
        assertThat(DemoSeeder.employees(5_000, NOW)).isEqualTo(EMPLOYEES);
        assertThat(EMPLOYEES).extracting(DemoEmployees.DemoEmployee::subjectId).startsWith("E000001", "E000002")
                .doesNotHaveDuplicates();
    }

    @Test
    void the_mix_of_consents_is_the_configured_one() {
        DemoEmployees.EXPLICIT_GRANT_RATE.forEach((purpose, rate) -> assertThat(share(command ->
                command instanceof GrantConsent grant && grant.purpose().equals(purpose)))
                .as(purpose).isCloseTo(rate, within(0.03)));
        assertThat(share(command -> command instanceof AcceptAllPurposes)).isCloseTo(DemoEmployees.BUNDLE_RATE, within(0.03));
        assertThat(share(command -> command instanceof WithdrawConsent)).isCloseTo(DemoEmployees.WITHDRAWAL_RATE, within(0.02));
    }

    @Test
    void every_generated_decision_passes_the_rules() {
        PolicyHistory policy = PolicyHistory.empty(DemoPolicy.POLICY_ID);
        policy = policy.evolve(PolicyDecisions.publish(DemoPolicy.firstVersion(), policy, NOW));
        for (DemoEmployees.DemoEmployee employee : EMPLOYEES) {
            SubjectHistory subject = SubjectHistory.empty(employee.subjectId());
            for (ConsentCommand command : employee.decisions()) {
                assertThat(command.occurredAt()).isBefore(NOW);
                for (LedgerEvent event : decide(command, subject, policy)) {
                    subject = subject.evolve(event, null);
                }
            }
        }
    }

    private static List<? extends LedgerEvent> decide(ConsentCommand command, SubjectHistory subject, PolicyHistory policy) {
        return switch (command) {
            case GrantConsent grant -> List.of(ConsentDecisions.grant(grant, subject, policy, NOW, UUID::randomUUID));
            case AcceptAllPurposes all -> ConsentDecisions.acceptAll(all, subject, policy, NOW, UUID::randomUUID);
            case WithdrawConsent withdraw -> List.of(ConsentDecisions.withdraw(withdraw, subject, NOW));
        };
    }

    private static double share(java.util.function.Predicate<ConsentCommand> decision) {
        return EMPLOYEES.stream().filter(employee -> employee.decisions().stream().anyMatch(decision)).count()
                / (double) EMPLOYEES.size();
    }
}
