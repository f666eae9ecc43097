package com.consentledger.ledger.eventstore;

import java.time.Duration;

/**
 * @param maxInFlight            batches written concurrently; while they wait for their commit the next
 *                               batch fills up
 * @param maxEventsPerBatch      events in one transaction
 * @param maxConditionalPerBatch conditional requests in one transaction (each takes advisory locks)
 * @param maxWaiting             requests waiting for a batch; beyond it appends are refused at once
 *                               ({@link StoreOverloadedException}) instead of queueing without limit
 * @param extraBatchFrom         requests that must be waiting before a batch goes out beside one in flight:
 *                               below it they fill a bigger batch (a transaction's fixed cost spread wider),
 *                               above it a second backend inserts on the other core (docs/benchmarks.md)
 * @param linger                 under concurrent load (the previous batch carried several requests), the least
 *                               time between the starts of two batches while fewer than {@code extraBatchFrom}
 *                               wait: a transaction's fixed cost is then shared by more requests. A lone
 *                               sequential writer never waits for it.
 */
public record GroupCommitSettings(int maxInFlight, int maxEventsPerBatch, int maxConditionalPerBatch, int maxWaiting,
                                  int extraBatchFrom, Duration linger) {

    /** 20,000 waiting requests is about one second of the measured group-commit rate. */
    public static final GroupCommitSettings DEFAULT = new GroupCommitSettings(2, 1000, 64, 20_000, 16,
            Duration.ofMillis(2));

    /** One request per transaction: the reference the benchmark compares group commit against. */
    public static final GroupCommitSettings SINGLE = new GroupCommitSettings(8, 1, 1, 20_000, 1, Duration.ZERO);

    public GroupCommitSettings {
        if (maxInFlight < 1 || maxEventsPerBatch < 1 || maxConditionalPerBatch < 1 || maxWaiting < 1 || extraBatchFrom < 1) {
            throw new IllegalArgumentException("group commit limits must be positive");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative");
        }
    }

    /** These settings with another linger. */
    public GroupCommitSettings withLinger(Duration newLinger) {
        return new GroupCommitSettings(maxInFlight, maxEventsPerBatch, maxConditionalPerBatch, maxWaiting, extraBatchFrom,
                newLinger);
    }
}
