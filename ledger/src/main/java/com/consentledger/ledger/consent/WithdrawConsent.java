package com.consentledger.ledger.consent;

import org.axonframework.modelling.annotation.TargetEntityId;

import java.time.Instant;

/** Withdraw the consent in force for a purpose, from {@code occurredAt} (or receipt) on. */
public record WithdrawConsent(@TargetEntityId String subjectId, String purpose, String reason, String channel,
                              Instant occurredAt) implements ConsentCommand {
}
