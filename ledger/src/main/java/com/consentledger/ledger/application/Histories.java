package com.consentledger.ledger.application;

import com.consentledger.ledger.events.EventCatalogue;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.eventstore.StoredEvent;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.ledger.subject.SubjectHistory;

import java.time.Instant;
import java.util.List;

/** Folds stored events, in the order given, into the domain's histories; unknown types are skipped. */
public final class Histories {

    private Histories() {
    }

    public static SubjectHistory subject(String subjectId, List<StoredEvent> events) {
        SubjectHistory history = SubjectHistory.empty(subjectId);
        for (StoredEvent stored : events) {
            var event = EventCatalogue.LEDGER.decode(stored);
            if (event.isPresent()) {
                history = history.evolve(event.get(), stored.position());
            }
        }
        return history;
    }

    /** The versions among {@code events} recorded at or before {@code knownAt} ({@code null}: all). */
    public static PolicyHistory policy(String policyId, List<StoredEvent> events, Instant knownAt) {
        PolicyHistory history = PolicyHistory.empty(policyId);
        for (StoredEvent stored : events) {
            if ((knownAt == null || !stored.recordedAt().isAfter(knownAt))
                    && EventCatalogue.LEDGER.decode(stored).orElse(null) instanceof PolicyVersionPublished published) {
                history = history.evolve(published);
            }
        }
        return history;
    }
}
