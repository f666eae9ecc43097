package com.consentledger.ledger.offboarding;

import org.axonframework.modelling.annotation.TargetEntityId;

import java.time.Instant;

/** Record that the account was deactivated at {@code occurredAt} (or receipt). */
public record DeactivateSubject(@TargetEntityId String subjectId, Instant occurredAt) implements LifecycleCommand {
}
