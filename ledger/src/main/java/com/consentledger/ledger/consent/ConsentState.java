package com.consentledger.ledger.consent;

import com.fasterxml.jackson.annotation.JsonValue;

/** The state of one purpose for one subject at an instant (DESIGN.md §4, contract values). */
public enum ConsentState {
    GRANTED("granted"),
    WITHDRAWN("withdrawn"),
    RECONSENT_REQUIRED("reconsent-required"),
    NEVER_GRANTED("never-granted"),
    NOT_REQUIRED("not-required"),
    DEACTIVATED("deactivated");

    private final String value;

    ConsentState(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
