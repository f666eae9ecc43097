package com.consentledger.ledger.eventstore;

import java.time.Duration;

/**
 * @param transactions         append transactions committed (a batch, or one request retried alone)
 * @param requests             requests completed successfully (appended or duplicate)
 * @param events               events appended
 * @param retriedAlone         requests retried in a transaction of their own after their batch failed
 * @param oldestInFlight       how long the oldest batch in flight has waited for the database (zero: none):
 *                             a batch that never completes holds back every later append
 */
public record GroupCommitStats(long transactions, long requests, long events, long retriedAlone,
                               Duration oldestInFlight) {
}
