package com.consentledger.ledger.consent;

import com.consentledger.ledger.events.Evidence;
import org.axonframework.modelling.annotation.TargetEntityId;

import java.time.Instant;
import java.util.List;

/**
 * A bundled "accept all" for several purposes at once. Allowed only for purposes that are neither sensitive
 * nor third-party (rule 1): those need a {@link GrantConsent} of their own.
 */
public record AcceptAllPurposes(@TargetEntityId String subjectId, String policyId, String policyVersion,
                                List<String> purposes, String channel, Evidence evidence, Instant occurredAt)
        implements ConsentCommand {
}
