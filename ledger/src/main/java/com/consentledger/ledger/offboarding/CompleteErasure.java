package com.consentledger.ledger.offboarding;

import org.axonframework.modelling.annotation.TargetEntityId;

import java.time.Instant;

/** Record that the open erasure request was carried out. */
public record CompleteErasure(@TargetEntityId String subjectId, Instant occurredAt) implements LifecycleCommand {
}
