package com.consentledger.ledger.events;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Verdict {
    @JsonProperty("allowed") ALLOWED,
    @JsonProperty("denied") DENIED
}
