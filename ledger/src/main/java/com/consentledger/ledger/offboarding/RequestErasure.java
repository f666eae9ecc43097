package com.consentledger.ledger.offboarding;

import org.axonframework.modelling.annotation.TargetEntityId;

import java.time.Instant;

/** Record a request to erase the subject's personal data, made by {@code requestedBy} (the subject or HR). */
public record RequestErasure(@TargetEntityId String subjectId, String requestedBy, Instant occurredAt)
        implements LifecycleCommand {
}
