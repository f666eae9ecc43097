package com.consentledger.ledger.eventstore;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An event as committed: its global position and its place in commit-safe order. */
public record StoredEvent(long position, long transactionId, UUID eventId, String type, String subject,
                          Set<String> tags, String payloadJson, String metadataJson, String clientEventId,
                          Instant occurredAt, Instant recordedAt) {

    /** Where a catch-up reader stands after this event. */
    public CommitPosition commitPosition() {
        return new CommitPosition(transactionId, position);
    }
}
