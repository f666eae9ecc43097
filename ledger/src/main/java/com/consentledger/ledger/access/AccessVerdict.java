package com.consentledger.ledger.access;

import com.consentledger.ledger.events.AccessBasis;
import com.consentledger.ledger.events.Verdict;

import java.time.Instant;

/**
 * The answer to an access request: allowed or denied, the basis relied on, a stable reason code, the policy
 * version in effect at the access instant ({@code null} before any) and that instant.
 */
public record AccessVerdict(Verdict verdict, String reason, AccessBasis basis, String policyVersion,
                            Instant occurredAt) {

    public static final String CONSENT_IN_FORCE = "consent-in-force";
    public static final String LAWFUL_BASIS = "lawful-basis";
    public static final String NEVER_GRANTED = "never-granted";
    public static final String WITHDRAWN = "withdrawn";
    public static final String RECONSENT_REQUIRED = "reconsent-required";
    public static final String PURPOSE_UNKNOWN = "purpose-unknown";
    public static final String DATA_CATEGORY_NOT_COVERED = "data-category-not-covered";
    public static final String NO_POLICY_IN_EFFECT = "no-policy-in-effect";

    public boolean allowed() {
        return verdict == Verdict.ALLOWED;
    }

    static AccessVerdict allowed(String reason, AccessBasis basis, String policyVersion, Instant occurredAt) {
        return new AccessVerdict(Verdict.ALLOWED, reason, basis, policyVersion, occurredAt);
    }

    static AccessVerdict denied(String reason, String policyVersion, Instant occurredAt) {
        return new AccessVerdict(Verdict.DENIED, reason, AccessBasis.none(), policyVersion, occurredAt);
    }
}
