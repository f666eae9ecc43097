package com.consentledger.ledger.policy;

import java.util.List;

/**
 * One purpose of a policy version: the data categories it uses, its lawful basis and flags.
 *
 * @param basis      {@code consent}, or another lawful basis ({@code contract}, {@code hr-management},
 *                   {@code legal-obligation}, ...) under which no consent is needed
 * @param sensitive  sensitive personal information (PIPL): needs a separate, explicit consent
 * @param thirdParty data goes to the {@code recipients}: the consent must name them
 */
public record PurposeDefinition(String id, List<String> dataCategories, String basis, boolean sensitive,
                                boolean thirdParty, List<String> recipients) {

    public static final String CONSENT = "consent";

    public PurposeDefinition {
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    public boolean consentBased() {
        return CONSENT.equals(basis);
    }

    /** Sensitive and third-party purposes need a consent naming them alone, never a bundled one. */
    public boolean needsExplicitConsent() {
        return sensitive || thirdParty;
    }
}
