package com.consentledger.ledger.policy;

import org.axonframework.modelling.annotation.TargetEntityId;

import java.time.Instant;
import java.util.List;

/**
 * Publish a new version of a policy.
 *
 * @param affectedPurposes the purposes a major change affects; {@code null} means "work it out": every
 *                         purpose that is new or whose definition differs from the previous version
 */
public record PublishPolicyVersion(@TargetEntityId String policyId, String version, Instant effectiveAt,
                                   boolean major, String summary, String textSha256,
                                   List<PurposeDefinition> purposes, List<String> affectedPurposes) {
}
