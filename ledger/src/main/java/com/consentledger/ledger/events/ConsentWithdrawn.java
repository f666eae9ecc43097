package com.consentledger.ledger.events;

import org.axonframework.eventsourcing.annotation.EventTag;
import org.axonframework.messaging.eventhandling.annotation.Event;

import java.time.Instant;

/** A subject withdrew their consent to a purpose, from {@code occurredAt} on (never retroactively). */
@Event(namespace = LedgerEvent.NAMESPACE, name = "ConsentWithdrawn", version = "1")
public record ConsentWithdrawn(@EventTag(key = SubjectEvent.TAG) String subjectId, String purpose, String reason,
                               String channel, Instant occurredAt) implements LedgerEvent, SubjectEvent {
}
