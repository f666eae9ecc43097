package com.consentledger.ledger.consent;

import com.consentledger.ledger.subject.Recorded;

/**
 * A purpose's state at an instant and the grant or withdrawal that decided it ({@code null} when none did:
 * never granted, not required, deactivated).
 */
public record PurposeStatus(String purpose, ConsentState state, Recorded decidedBy) {
}
