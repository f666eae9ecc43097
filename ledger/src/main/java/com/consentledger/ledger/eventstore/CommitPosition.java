package com.consentledger.ledger.eventstore;

/**
 * A place in commit-safe order: events are read by (transaction id, position), and only from
 * transactions older than every transaction still running, so a reader that stands here has seen
 * every event before it and will never be handed one that sorts before it.
 */
public record CommitPosition(long transactionId, long position) implements Comparable<CommitPosition> {

    /** Before the first event. */
    public static final CommitPosition START = new CommitPosition(0, 0);

    @Override
    public int compareTo(CommitPosition other) {
        int byTransaction = Long.compare(transactionId, other.transactionId);
        return byTransaction != 0 ? byTransaction : Long.compare(position, other.position);
    }
}
