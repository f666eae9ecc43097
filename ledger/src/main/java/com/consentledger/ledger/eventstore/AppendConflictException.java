package com.consentledger.ledger.eventstore;

/** A conditional append lost a race: an event it should have seen was committed after its decision. */
public class AppendConflictException extends EventStoreException {

    private final ConsistencyMarker marker;

    public AppendConflictException(ConsistencyMarker marker) {
        super("events matching the append condition were committed after the decision (marker " + marker + ")");
        this.marker = marker;
    }

    public ConsistencyMarker marker() {
        return marker;
    }
}
