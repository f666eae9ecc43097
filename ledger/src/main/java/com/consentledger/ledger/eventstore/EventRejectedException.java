package com.consentledger.ledger.eventstore;

/** PostgreSQL refused the request's events (a constraint or an invalid value); nothing of it was stored. */
public class EventRejectedException extends EventStoreException {

    public EventRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
