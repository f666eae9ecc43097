package com.consentledger.ledger.rules;

/**
 * Every rule a command can break, with a stable code (the API's problem type) and the kind of failure
 * (which the API maps to 400, 404 or 409). Codes never change once published: clients match on them.
 */
public enum Rule {
    INVALID_COMMAND("invalid-command", Kind.INVALID),
    OCCURRED_IN_FUTURE("occurred-in-future", Kind.INVALID),
    POLICY_UNKNOWN("policy-unknown", Kind.NOT_FOUND),
    POLICY_VERSION_UNKNOWN("policy-version-unknown", Kind.INVALID),
    POLICY_VERSION_EXISTS("policy-version-exists", Kind.CONFLICT),
    POLICY_VERSION_OUT_OF_ORDER("policy-version-out-of-order", Kind.CONFLICT),
    PURPOSE_UNKNOWN("purpose-unknown", Kind.INVALID),
    PURPOSE_NOT_IN_VERSION("purpose-not-in-version", Kind.INVALID),
    CONSENT_NOT_APPLICABLE("consent-not-applicable", Kind.INVALID),
    BUNDLED_CONSENT_NOT_ALLOWED("bundled-consent-not-allowed", Kind.INVALID),
    RECIPIENT_NOT_NAMED("recipient-not-named", Kind.INVALID),
    RECIPIENT_UNKNOWN("recipient-unknown", Kind.INVALID),
    CONSENT_NOT_IN_FORCE("consent-not-in-force", Kind.CONFLICT),
    SUBJECT_DEACTIVATED("subject-deactivated", Kind.CONFLICT),
    SUBJECT_ERASED("subject-erased", Kind.CONFLICT),
    ALREADY_OFFBOARDED("already-offboarded", Kind.CONFLICT),
    ALREADY_DEACTIVATED("already-deactivated", Kind.CONFLICT),
    ERASURE_ALREADY_REQUESTED("erasure-already-requested", Kind.CONFLICT),
    NO_ERASURE_REQUESTED("no-erasure-requested", Kind.CONFLICT);

    /** What kind of mistake breaking the rule is. */
    public enum Kind {
        /** The command itself is wrong: bad or inconsistent input. */
        INVALID,
        /** The command names something the ledger does not hold. */
        NOT_FOUND,
        /** The command is well formed but the ledger's current state forbids it. */
        CONFLICT
    }

    private final String code;
    private final Kind kind;

    Rule(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }
}
