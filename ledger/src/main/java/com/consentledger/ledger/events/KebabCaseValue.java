package com.consentledger.ledger.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** An enum whose wire value is its name in kebab case: {@code RECONSENT_REQUIRED} is {@code reconsent-required}. */
public interface KebabCaseValue {

    String name();

    @JsonValue
    default String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
