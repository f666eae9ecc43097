package com.consentledger.ledger.eventstore;

import java.util.List;

/**
 * What one read of a follower found: the events it asked for, in commit-safe order, and how far the read
 * looked. {@code through} may lie beyond the last event when the read passed events of other types by; a
 * follower standing at {@code through} has seen every event of its types before it.
 */
public record EventSlice(List<StoredEvent> events, CommitPosition through) {

    public EventSlice {
        events = List.copyOf(events);
    }
}
