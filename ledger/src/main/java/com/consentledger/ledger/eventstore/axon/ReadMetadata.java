package com.consentledger.ledger.eventstore.axon;

/** Metadata that {@link AxonPgEventStorageEngine} adds to messages it reads, and never stores. */
public final class ReadMetadata {

    /**
     * The event's store position. Axon hands entities messages, not tracking tokens, and a decision must be
     * able to cite the position of the event it relied on. The store, not the writer, assigns positions.
     */
    public static final String POSITION = "position";

    private ReadMetadata() {
    }
}
