package com.consentledger.ledger.access;

import org.axonframework.modelling.annotation.TargetEntityId;

import java.time.Instant;
import java.util.List;

/**
 * Decide an access request on the subject's and the policy's current history. Appends nothing: the
 * {@code DataAccessed} record is a blind append by the caller, so accesses never conflict with each other or
 * with a concurrent consent decision.
 */
public record DecideAccess(@TargetEntityId String subjectId, String policyId, String purpose,
                           List<String> dataCategories, String processor, Instant occurredAt) {
}
