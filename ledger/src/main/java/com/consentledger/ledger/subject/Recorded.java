package com.consentledger.ledger.subject;

import com.consentledger.ledger.events.LedgerEvent;

/**
 * An event as a subject's history holds it: with its store position when the reader knows it ({@code null}
 * when sourced through Axon, which does not hand positions to entities).
 */
public record Recorded(LedgerEvent event, Long position) {
}
