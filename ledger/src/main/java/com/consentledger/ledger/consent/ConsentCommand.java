package com.consentledger.ledger.consent;

/** What a subject can decide about their consents. */
public sealed interface ConsentCommand permits GrantConsent, AcceptAllPurposes, WithdrawConsent {

    String subjectId();
}
