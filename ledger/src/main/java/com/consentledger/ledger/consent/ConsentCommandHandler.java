package com.consentledger.ledger.consent;

import com.consentledger.ledger.events.Decision;
import com.consentledger.ledger.policy.PolicyCatalogue;
import com.consentledger.ledger.subject.SubjectEntity;
import org.axonframework.messaging.commandhandling.annotation.CommandHandler;
import org.axonframework.messaging.eventhandling.gateway.EventAppender;
import org.axonframework.modelling.annotation.InjectEntity;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Grants and withdrawals. A grant reads the subject and the policy it cites, so a concurrent decision on the
 * same subject (or a policy published meanwhile) makes it fail with a conflict instead of deciding on stale state.
 */
public final class ConsentCommandHandler {

    private final Clock clock;
    private final Supplier<UUID> ids;

    public ConsentCommandHandler(Clock clock, Supplier<UUID> ids) {
        this.clock = clock;
        this.ids = ids;
    }

    @CommandHandler
    public Decision handle(GrantConsent command, @InjectEntity SubjectEntity subject,
                           @InjectEntity(idProperty = "policyId") PolicyCatalogue policy, EventAppender appender) {
        return Decision.append(appender, ids, List.of(
                ConsentDecisions.grant(command, subject.history(), policy.history(), clock.instant(), ids)));
    }

    @CommandHandler
    public Decision handle(AcceptAllPurposes command, @InjectEntity SubjectEntity subject,
                           @InjectEntity(idProperty = "policyId") PolicyCatalogue policy, EventAppender appender) {
        return Decision.append(appender, ids,
                ConsentDecisions.acceptAll(command, subject.history(), policy.history(), clock.instant(), ids));
    }

    @CommandHandler
    public Decision handle(WithdrawConsent command, @InjectEntity SubjectEntity subject, EventAppender appender) {
        return Decision.append(appender, ids, List.of(
                ConsentDecisions.withdraw(command, subject.history(), clock.instant())));
    }
}
