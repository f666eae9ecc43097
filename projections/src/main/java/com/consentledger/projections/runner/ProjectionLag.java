package com.consentledger.projections.runner;

import java.time.Duration;

/**
 * How far a projection is behind the store.
 *
 * @param positionsBehind store positions after the checkpoint (an upper bound of events: positions can have gaps)
 * @param oldestUnapplied age of the oldest event not yet applied; zero when caught up
 */
public record ProjectionLag(String projection, int generation, long eventsApplied, long positionsBehind,
                            Duration oldestUnapplied) {

    public boolean caughtUp() {
        return positionsBehind == 0;
    }
}
