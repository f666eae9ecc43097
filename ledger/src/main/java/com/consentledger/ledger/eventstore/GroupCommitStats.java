package com.consentledger.ledger.eventstore;

/**
 * @param transactions         append transactions committed (a batch, or one request retried alone)
 * @param requests             requests completed successfully (appended or duplicate)
 * @param events               events appended
 * @param retriedAlone         requests retried in a transaction of their own after their batch failed
 */
public record GroupCommitStats(long transactions, long requests, long events, long retriedAlone) {
}
