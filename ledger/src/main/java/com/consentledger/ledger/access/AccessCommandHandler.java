package com.consentledger.ledger.access;

import com.consentledger.ledger.policy.PolicyCatalogue;
import com.consentledger.ledger.rules.Require;
import com.consentledger.ledger.subject.SubjectEntity;
import org.axonframework.messaging.commandhandling.annotation.CommandHandler;
import org.axonframework.modelling.annotation.InjectEntity;

import java.time.Clock;

/** Answers {@link DecideAccess} with an {@link AccessVerdict}. */
public final class AccessCommandHandler {

    private final Clock clock;

    public AccessCommandHandler(Clock clock) {
        this.clock = clock;
    }

    @CommandHandler
    public AccessVerdict handle(DecideAccess command, @InjectEntity SubjectEntity subject,
                                @InjectEntity(idProperty = "policyId") PolicyCatalogue policy) {
        return AccessDecision.decide(subject.history(), policy.history(), requestOf(command, clock));
    }

    /** Checks the input and fills in the instant: an access without one happens now. */
    public static AccessRequest requestOf(DecideAccess command, Clock clock) {
        Require.identifier("subjectId", command.subjectId());
        Require.identifier("purpose", command.purpose());
        Require.identifiers("dataCategories", command.dataCategories(), false);
        Require.identifier("processor", command.processor());
        var now = clock.instant();
        var occurredAt = Require.occurredAt("occurredAt", command.occurredAt(), now);
        return new AccessRequest(command.subjectId(), command.purpose(), command.dataCategories(), command.processor(),
                occurredAt);
    }
}
