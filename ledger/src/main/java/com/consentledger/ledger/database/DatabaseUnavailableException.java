package com.consentledger.ledger.database;

/** The ledger cannot start because its database cannot be reached, started or migrated. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
