package com.consentledger.ledger.consent;

/** What a subject can decide about their consents. */
public sealed interface ConsentCommand permits GrantConsent, AcceptAllPurposes, WithdrawConsent {

    String subjectId();

    /** How the decision was made: {@code android-app}, {@code web}, ... */
    String channel();

    /** When the subject decided; {@code null} means when the ledger received it. */
    java.time.Instant occurredAt();
}
