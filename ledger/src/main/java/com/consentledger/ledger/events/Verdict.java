package com.consentledger.ledger.events;

public enum Verdict implements KebabCaseValue {
    ALLOWED, DENIED
}
