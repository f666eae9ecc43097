package com.consentledger.ledger.events;

import org.axonframework.eventsourcing.annotation.EventTag;
import org.axonframework.messaging.eventhandling.annotation.Event;

import java.time.Instant;
import java.util.List;

/**
 * A processor asked to use a subject's data; recorded whether allowed or denied, with the basis and reason.
 * Appended blind (no consistency check): the decision is about the state the ledger knew at that moment.
 */
@Event(namespace = LedgerEvent.NAMESPACE, name = "DataAccessed", version = "1")
public record DataAccessed(@EventTag(key = SubjectEvent.TAG) String subjectId, String accessId, String purpose,
                           List<String> dataCategories, @EventTag(key = PROCESSOR_TAG) String processor,
                           Verdict verdict, AccessBasis basis, String reason, String policyVersion,
                           Instant occurredAt) implements LedgerEvent, SubjectEvent {

    public static final String PROCESSOR_TAG = "processor";

    public DataAccessed {
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
    }
}
