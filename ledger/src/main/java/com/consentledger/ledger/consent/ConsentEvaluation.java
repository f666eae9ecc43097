package com.consentledger.ledger.consent;

import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.ConsentWithdrawn;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.ledger.policy.PurposeDefinition;
import com.consentledger.ledger.subject.Recorded;
import com.consentledger.ledger.subject.SubjectHistory;

import java.time.Instant;
import java.util.List;

/** What a subject's consents amount to at an instant (rules 1, 3, 4 and 6), as pure functions. */
public final class ConsentEvaluation {

    private ConsentEvaluation() {
    }

    /**
     * The state of {@code purpose}, as defined by the policy version in effect at {@code instant}.
     * A grant counts only while no later grant or withdrawal replaced it, no major version affecting the
     * purpose took effect after the version it was given under, and it still meets rule 1 for the current
     * definition (named explicitly with every recipient when the purpose is sensitive or third-party).
     */
    public static PurposeStatus statusAt(SubjectHistory subject, PolicyHistory policy, PurposeDefinition purpose,
                                         Instant instant) {
        if (subject.inactiveAt(instant).isPresent()) {
            return new PurposeStatus(purpose.id(), ConsentState.DEACTIVATED, null);
        }
        if (!purpose.consentBased()) {
            return new PurposeStatus(purpose.id(), ConsentState.NOT_REQUIRED, null);
        }
        return subject.consentChangeAt(purpose.id(), instant)
                .map(change -> new PurposeStatus(purpose.id(), stateOf(change, policy, purpose, instant), change))
                .orElse(new PurposeStatus(purpose.id(), ConsentState.NEVER_GRANTED, null));
    }

    /** The state of every purpose of the version in effect at {@code instant}; empty before the first one. */
    public static List<PurposeStatus> statesAt(SubjectHistory subject, PolicyHistory policy, Instant instant) {
        return policy.effectiveAt(instant).map(PolicyVersionPublished::purposes).orElse(List.of()).stream()
                .map(purpose -> statusAt(subject, policy, purpose, instant))
                .toList();
    }

    private static ConsentState stateOf(Recorded change, PolicyHistory policy, PurposeDefinition purpose,
                                        Instant instant) {
        return switch (change.event()) {
            case ConsentWithdrawn withdrawn -> ConsentState.WITHDRAWN;
            case ConsentGranted granted -> stillValid(granted, policy, purpose, instant)
                    ? ConsentState.GRANTED
                    : ConsentState.RECONSENT_REQUIRED;
            default -> throw new IllegalStateException("not a consent change: " + change.event());
        };
    }

    private static boolean stillValid(ConsentGranted granted, PolicyHistory policy, PurposeDefinition purpose,
                                      Instant instant) {
        boolean explicitEnough = !purpose.needsExplicitConsent()
                || (!granted.bundled() && granted.recipients().containsAll(purpose.recipients()));
        return explicitEnough
                && policy.reconsentDemandedBy(purpose.id(), granted.policyVersion(), instant).isEmpty();
    }
}
