package com.consentledger.ledger.eventstore.axon;

import com.consentledger.ledger.eventstore.ConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.AbstractConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.GlobalIndexConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.Position;

/** Axon's view of our {@link ConsistencyMarker}: the snapshot a decision was made on. */
public final class PgConsistencyMarker extends AbstractConsistencyMarker<PgConsistencyMarker> {

    private final ConsistencyMarker marker;

    public PgConsistencyMarker(ConsistencyMarker marker) {
        this.marker = marker;
    }

    public ConsistencyMarker marker() {
        return marker;
    }

    /** Both bounds intersect: a decision that combined two reads may only rely on what both saw. */
    @Override
    protected org.axonframework.eventsourcing.eventstore.ConsistencyMarker doLowerBound(PgConsistencyMarker other) {
        return new PgConsistencyMarker(marker.intersect(other.marker));
    }

    @Override
    protected org.axonframework.eventsourcing.eventstore.ConsistencyMarker doUpperBound(PgConsistencyMarker other) {
        return new PgConsistencyMarker(marker.intersect(other.marker));
    }

    @Override
    public Position position() {
        return new GlobalIndexConsistencyMarker(marker.position()).position();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgConsistencyMarker that && marker.equals(that.marker);
    }

    @Override
    public int hashCode() {
        return marker.hashCode();
    }

    @Override
    public String toString() {
        return "PgConsistencyMarker" + marker;
    }
}
