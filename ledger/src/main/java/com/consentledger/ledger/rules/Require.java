package com.consentledger.ledger.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;

/** Input checks shared by commands; each failure is a {@link RuleViolation} naming the field. */
public final class Require {

    /** After an identifier's first character, a letter or digit, these may also appear (see {@link #isIdentifier}). */
    private static final String IDENTIFIER_PUNCTUATION = "._:@-";

    /** Phones' clocks drift; an instant further ahead than this is a client error, not a fact. */
    public static final Duration CLOCK_SKEW_ALLOWED = Duration.ofMinutes(5);

    private Require() {
    }

    public static String identifier(String field, String value) {
        if (value == null || !isIdentifier(value)) {
            throw RuleViolation.invalid(field, field + " must be 1-128 characters of letters, digits and . _ : @ -");
        }
        return value;
    }

    /**
     * Identifiers of subjects, purposes, versions, recipients: printable, no spaces, bounded; the pattern
     * {@code [A-Za-z0-9][A-Za-z0-9._:@-]{0,127}}. A loop, not a regex: every access checks several identifiers, and
     * a {@code Matcher} per check (with its group and loop-state arrays) was the largest allocation site of the
     * access path in JFR's samples. {@code RequireProperties} holds it to the pattern.
     */
    public static boolean isIdentifier(String value) {
        int length = value.length();
        if (length == 0 || length > 128) {
            return false;
        }
        for (int index = 0; index < length; index++) {
            char c = value.charAt(index);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alphanumeric && (index == 0 || IDENTIFIER_PUNCTUATION.indexOf(c) < 0)) {
                return false;
            }
        }
        return true;
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw RuleViolation.invalid(field, field + " is required");
        }
        return value;
    }

    public static void identifiers(String field, Collection<String> values, boolean mayBeEmpty) {
        present(field, values);
        if (!mayBeEmpty && values.isEmpty()) {
            throw RuleViolation.invalid(field, field + " must not be empty");
        }
        values.forEach(value -> identifier(field, value));
        if (new HashSet<>(values).size() != values.size()) {
            throw RuleViolation.invalid(field, field + " must not repeat an entry");
        }
    }

    public static void text(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw RuleViolation.invalid(field, field + " must be at most " + maxLength + " characters");
        }
    }

    /** When the fact happened: as given, or now when not given; never after now (beyond clock skew). */
    public static Instant occurredAt(String field, Instant occurredAt, Instant now) {
        return notInFuture(field, occurredAt == null ? now : occurredAt, now);
    }

    /** A fact cannot have happened after the ledger received it (beyond clock skew). */
    public static Instant notInFuture(String field, Instant occurredAt, Instant now) {
        present(field, occurredAt);
        if (occurredAt.isAfter(now.plus(CLOCK_SKEW_ALLOWED))) {
            throw RuleViolation.ofField(Rule.OCCURRED_IN_FUTURE, field,
                    field + " " + occurredAt + " is later than the ledger's clock " + now);
        }
        return occurredAt;
    }
}
