package com.consentledger.ledger.events;

import org.axonframework.eventsourcing.annotation.EventTag;
import org.axonframework.messaging.eventhandling.annotation.Event;

import java.time.Instant;

/** The subject's account was deactivated: from {@code occurredAt} on, nothing is allowed for them. */
@Event(namespace = LedgerEvent.NAMESPACE, name = "SubjectDeactivated", version = "1")
public record SubjectDeactivated(@EventTag(key = SubjectEvent.TAG) String subjectId, Instant occurredAt)
        implements LedgerEvent, SubjectEvent {
}
