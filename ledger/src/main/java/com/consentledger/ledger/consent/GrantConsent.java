package com.consentledger.ledger.consent;

import com.consentledger.ledger.events.Evidence;
import org.axonframework.modelling.annotation.TargetEntityId;

import java.time.Instant;
import java.util.List;

/**
 * Grant one purpose, explicitly, under the policy version the subject saw.
 *
 * @param recipients the third parties the subject agreed to; must name every recipient of the purpose
 * @param occurredAt when the subject decided; {@code null} means when the ledger received it
 */
public record GrantConsent(@TargetEntityId String subjectId, String policyId, String purpose, String policyVersion,
                           List<String> recipients, String channel, Evidence evidence, Instant occurredAt)
        implements ConsentCommand {

    public GrantConsent {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
