package com.consentledger.ledger.eventstore;

/**
 * What a decision saw: the PostgreSQL snapshot ({@code pg_snapshot} text) of the read it was based on,
 * and the highest position among the events it read. A conditional append fails when a matching event
 * was committed that this snapshot could not see. Comparing snapshots rather than positions is what
 * makes the check exact: positions are not commit order.
 *
 * @param snapshot {@code null} for {@link #ORIGIN}: a decision that saw no events at all
 */
public record ConsistencyMarker(String snapshot, long position) {

    public static final ConsistencyMarker ORIGIN = new ConsistencyMarker(null, 0);

    /**
     * A marker that sees only what both markers saw: the safe combination of two reads that one
     * decision relies on.
     */
    public ConsistencyMarker intersect(ConsistencyMarker other) {
        if (snapshot == null || other.snapshot == null) {
            return new ConsistencyMarker(null, Math.min(position, other.position));
        }
        return new ConsistencyMarker(Snapshots.intersect(snapshot, other.snapshot),
                Math.min(position, other.position));
    }
}
