package com.consentledger.projections.consent;

import com.consentledger.ledger.consent.ConsentEvaluation;
import com.consentledger.ledger.consent.PurposeStatus;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.ledger.subject.Recorded;
import com.consentledger.ledger.subject.SubjectHistory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** A subject's state at an instant from the changes the bitemporal rows selected, by the domain's own rules. */
public final class PointInTime {

    private PointInTime() {
    }

    /**
     * @param deciding for each key, the change in effect at {@code asOf} as known at the time of the question
     * @param policy   the policy's versions known at that time
     */
    public static List<PurposeStatus> states(String subjectId, List<ConsentChange> deciding, PolicyHistory policy,
                                             Instant asOf) {
        SubjectHistory history = SubjectHistory.empty(subjectId);
        for (ConsentChange change : deciding.stream().sorted(Comparator.comparingLong(ConsentChange::position)).toList()) {
            Recorded recorded = change.toRecorded();
            history = history.evolve(recorded.event(), recorded.position());
        }
        return ConsentEvaluation.statesAt(history, policy, asOf);
    }
}
