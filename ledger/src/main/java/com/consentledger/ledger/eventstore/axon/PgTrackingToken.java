package com.consentledger.ledger.eventstore.axon;

import com.consentledger.ledger.eventstore.CommitPosition;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;

import java.util.OptionalLong;

/** A streaming position in commit-safe order, for Axon's streaming processors. */
public record PgTrackingToken(CommitPosition commitPosition) implements TrackingToken {

    @Override
    public TrackingToken lowerBound(TrackingToken other) {
        return other instanceof PgTrackingToken that && that.commitPosition.compareTo(commitPosition) < 0 ? that : this;
    }

    @Override
    public TrackingToken upperBound(TrackingToken other) {
        return other instanceof PgTrackingToken that && that.commitPosition.compareTo(commitPosition) > 0 ? that : this;
    }

    @Override
    public boolean covers(TrackingToken other) {
        return other == null
                || other instanceof PgTrackingToken that && commitPosition.compareTo(that.commitPosition) >= 0;
    }

    @Override
    public OptionalLong position() {
        return OptionalLong.of(commitPosition.position());
    }
}
