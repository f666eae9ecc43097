package com.consentledger.ledger.offboarding;

import org.axonframework.modelling.annotation.TargetEntityId;

import java.time.Instant;

/** Record that the employee left at {@code leftAt}; starts the 3-working-day deactivation deadline. */
public record OffboardSubject(@TargetEntityId String subjectId, Instant leftAt) implements LifecycleCommand {
}
