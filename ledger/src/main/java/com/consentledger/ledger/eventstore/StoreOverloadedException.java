package com.consentledger.ledger.eventstore;

/**
 * More appends are waiting for a commit than the store accepts: the request was refused at once, nothing
 * of it was stored, and the caller should retry shortly (the API answers 503 with Retry-After).
 */
public class StoreOverloadedException extends EventStoreException {

    public StoreOverloadedException(int waiting) {
        super(waiting + " appends are already waiting for a commit; retry shortly");
    }
}
