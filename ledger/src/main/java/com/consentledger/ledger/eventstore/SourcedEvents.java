package com.consentledger.ledger.eventstore;

import java.util.List;

/** The events matching some criteria, and the marker a conditional append based on them must carry. */
public record SourcedEvents(List<StoredEvent> events, ConsistencyMarker marker) {
}
