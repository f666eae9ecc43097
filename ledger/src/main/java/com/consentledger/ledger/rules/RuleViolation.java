package com.consentledger.ledger.rules;

import java.util.Objects;

/**
 * A command broke a domain rule. Typed by {@link Rule} so callers branch on the rule, never on the message;
 * {@link #field()} names the offending input field when there is one.
 */
public final class RuleViolation extends RuntimeException {

    private final Rule rule;
    private final String field;

    private RuleViolation(Rule rule, String field, String message) {
        super(message, null, false, false);
        this.rule = Objects.requireNonNull(rule);
        this.field = field;
    }

    public static RuleViolation of(Rule rule, String message) {
        return new RuleViolation(rule, null, message);
    }

    public static RuleViolation ofField(Rule rule, String field, String message) {
        return new RuleViolation(rule, field, message);
    }

    /** A malformed command: {@code field} is the input that is wrong. */
    public static RuleViolation invalid(String field, String message) {
        return new RuleViolation(Rule.INVALID_COMMAND, field, message);
    }

    public Rule rule() {
        return rule;
    }

    /** The input field at fault, or {@code null}. */
    public String field() {
        return field;
    }
}
