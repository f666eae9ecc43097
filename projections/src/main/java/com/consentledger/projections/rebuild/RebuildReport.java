package com.consentledger.projections.rebuild;

import java.time.Duration;

/** The outcome of a rebuild: which generations, how many events at what rate, and both digests. */
public record RebuildReport(String projection, int liveGeneration, int rebuiltGeneration, long eventsApplied,
                            Duration took, Digest.Result liveDigest, Digest.Result rebuiltDigest) {

    public boolean identical() {
        return liveDigest.equals(rebuiltDigest);
    }

    public double eventsPerSecond() {
        return eventsApplied / Math.max(1e-9, took.toNanos() / 1e9);
    }
}
