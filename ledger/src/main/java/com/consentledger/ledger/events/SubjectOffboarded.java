package com.consentledger.ledger.events;

import org.axonframework.eventsourcing.annotation.EventTag;
import org.axonframework.messaging.eventhandling.annotation.Event;

import java.time.Instant;

/**
 * HR recorded that the employee left at {@code occurredAt}. The account must be deactivated before
 * {@code deactivationDueAt} (3 working days, fixed when recorded so a later calendar change cannot move it).
 */
@Event(namespace = LedgerEvent.NAMESPACE, name = "SubjectOffboarded", version = "1")
public record SubjectOffboarded(@EventTag(key = SubjectEvent.TAG) String subjectId, Instant occurredAt,
                                Instant deactivationDueAt) implements LedgerEvent, SubjectEvent {
}
