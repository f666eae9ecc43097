package com.consentledger.projections.runner;

import com.consentledger.ledger.events.EventCatalogue;
import com.consentledger.ledger.events.LedgerEvent;
import com.consentledger.ledger.eventstore.StoredEvent;

import java.util.ArrayList;
import java.util.List;

/** A batch's events decoded; types this build does not know are skipped (and counted by the catalogue). */
public final class Events {

    private Events() {
    }

    public record Decoded(StoredEvent stored, LedgerEvent event) {
    }

    public static List<Decoded> decode(List<StoredEvent> batch) {
        List<Decoded> decoded = new ArrayList<>(batch.size());
        for (StoredEvent stored : batch) {
            EventCatalogue.LEDGER.decode(stored).ifPresent(event -> decoded.add(new Decoded(stored, event)));
        }
        return decoded;
    }
}
