package com.consentledger.ledger.access;

import com.consentledger.ledger.consent.ConsentEvaluation;
import com.consentledger.ledger.consent.PurposeStatus;
import com.consentledger.ledger.events.AccessBasis;
import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.ledger.policy.PurposeDefinition;
import com.consentledger.ledger.subject.SubjectHistory;

import java.time.Instant;
import java.util.Optional;

/**
 * May this use of a subject's data happen at this instant? A pure function of the subject's history, the
 * policy's history and the request, with no I/O, so it gives the same answer on every node, in the hot path
 * and in an audit replay.
 */
public final class AccessDecision {

    private AccessDecision() {
    }

    public static AccessVerdict decide(SubjectHistory subject, PolicyHistory policy, AccessRequest request) {
        Instant at = request.occurredAt();
        Optional<SubjectHistory.Inactive> inactive = subject.inactiveAt(at);
        Optional<PolicyVersionPublished> effective = policy.effectiveAt(at);
        String version = effective.map(PolicyVersionPublished::version).orElse(null);
        if (inactive.isPresent()) {
            return AccessVerdict.denied(inactive.get().reason(), version, at);
        }
        if (effective.isEmpty()) {
            return AccessVerdict.denied(AccessVerdict.NO_POLICY_IN_EFFECT, null, at);
        }
        Optional<PurposeDefinition> purpose = effective.get().purpose(request.purpose());
        if (purpose.isEmpty()) {
            return AccessVerdict.denied(AccessVerdict.PURPOSE_UNKNOWN, version, at);
        }
        // rule 5: data may be used only for the purposes it was collected for
        if (!purpose.get().dataCategories().containsAll(request.dataCategories())) {
            return AccessVerdict.denied(AccessVerdict.DATA_CATEGORY_NOT_COVERED, version, at);
        }
        PurposeStatus status = ConsentEvaluation.statusAt(subject, policy, purpose.get(), at);
        return switch (status.state()) {
            case NOT_REQUIRED -> AccessVerdict.allowed(AccessVerdict.LAWFUL_BASIS,
                    AccessBasis.lawful(purpose.get().basis()), version, at);
            case GRANTED -> {
                ConsentGranted grant = (ConsentGranted) status.decidedBy().event();
                yield AccessVerdict.allowed(AccessVerdict.CONSENT_IN_FORCE, new AccessBasis(
                        PurposeDefinition.CONSENT, status.decidedBy().position(), grant.consentId(),
                        grant.policyVersion()), version, at);
            }
            case WITHDRAWN -> AccessVerdict.denied(AccessVerdict.WITHDRAWN, version, at);
            case RECONSENT_REQUIRED -> AccessVerdict.denied(AccessVerdict.RECONSENT_REQUIRED, version, at);
            case NEVER_GRANTED -> AccessVerdict.denied(AccessVerdict.NEVER_GRANTED, version, at);
            case DEACTIVATED -> throw new IllegalStateException("inactive subjects are answered above");
        };
    }
}
