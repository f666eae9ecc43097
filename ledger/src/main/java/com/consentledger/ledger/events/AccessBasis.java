package com.consentledger.ledger.events;

/**
 * What an access decision relied on: a consent (its id, its store position when known, the version it was
 * given under) or a lawful basis by name ({@code contract}, {@code hr-management}, ...). {@code type} is
 * {@code none} for denials that found no basis.
 */
public record AccessBasis(String type, Long position, String consentId, String policyVersion) {

    public static final String NONE = "none";

    public static AccessBasis lawful(String basis) {
        return new AccessBasis(basis, null, null, null);
    }

    public static AccessBasis none() {
        return new AccessBasis(NONE, null, null, null);
    }
}
