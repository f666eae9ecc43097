package com.consentledger.ledger.eventstore;

/**
 * @param maxInFlight            batches written concurrently; while they wait for their commit the next
 *                               batch fills up (two was the sweet spot measured here, see docs/benchmarks.md)
 * @param maxEventsPerBatch      events in one transaction
 * @param maxConditionalPerBatch conditional requests in one transaction (each takes advisory locks)
 */
public record GroupCommitSettings(int maxInFlight, int maxEventsPerBatch, int maxConditionalPerBatch) {

    public static final GroupCommitSettings DEFAULT = new GroupCommitSettings(2, 1000, 64);

    /** One request per transaction: the reference the benchmark compares group commit against. */
    public static final GroupCommitSettings SINGLE = new GroupCommitSettings(8, 1, 1);

    public GroupCommitSettings {
        if (maxInFlight < 1 || maxEventsPerBatch < 1 || maxConditionalPerBatch < 1) {
            throw new IllegalArgumentException("group commit limits must be positive");
        }
    }
}
