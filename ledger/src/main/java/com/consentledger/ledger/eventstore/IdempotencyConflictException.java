package com.consentledger.ledger.eventstore;

/** An event id or client event id was reused for different content. */
public class IdempotencyConflictException extends EventStoreException {

    public IdempotencyConflictException() {
        super("an event with the same event id or client event id but different content is already stored");
    }
}
