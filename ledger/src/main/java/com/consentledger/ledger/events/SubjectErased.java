package com.consentledger.ledger.events;

import org.axonframework.eventsourcing.annotation.EventTag;
import org.axonframework.messaging.eventhandling.annotation.Event;

import java.time.Instant;

/** The subject's personal data was erased, answering erasure request {@code requestId}. */
@Event(namespace = LedgerEvent.NAMESPACE, name = "SubjectErased", version = "1")
public record SubjectErased(@EventTag(key = SubjectEvent.TAG) String subjectId, String requestId,
                            Instant occurredAt) implements LedgerEvent, SubjectEvent {
}
