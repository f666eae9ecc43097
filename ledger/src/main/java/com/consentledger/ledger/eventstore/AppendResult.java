package com.consentledger.ledger.eventstore;

import java.util.List;

/**
 * @param positions the global positions of the request's events, in request order
 * @param duplicate true when the events were already stored by an earlier, identical append
 */
public record AppendResult(List<Long> positions, boolean duplicate) {

    public AppendResult {
        positions = List.copyOf(positions);
    }

    public long lastPosition() {
        return positions.getLast();
    }
}
