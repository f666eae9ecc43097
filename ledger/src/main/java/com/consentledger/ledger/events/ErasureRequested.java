package com.consentledger.ledger.events;

import org.axonframework.eventsourcing.annotation.EventTag;
import org.axonframework.messaging.eventhandling.annotation.Event;

import java.time.Instant;

/** Erasure of the subject's personal data was requested; it must be completed before {@code dueAt}. */
@Event(namespace = LedgerEvent.NAMESPACE, name = "ErasureRequested", version = "1")
public record ErasureRequested(@EventTag(key = SubjectEvent.TAG) String subjectId, String requestId,
                               String requestedBy, Instant occurredAt, Instant dueAt)
        implements LedgerEvent, SubjectEvent {
}
