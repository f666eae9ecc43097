package com.consentledger.projections.runner;

import com.consentledger.ledger.events.EventCatalogue;
import com.consentledger.ledger.events.LedgerEvent;
import com.consentledger.ledger.eventstore.StoredEvent;

import com.consentledger.ledger.events.LedgerEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.Collection;
import java.util.List;

/** A batch's events decoded; types this build does not know are skipped (and counted by the catalogue). */
public final class Events {

    private Events() {
    }

    public record Decoded(StoredEvent stored, LedgerEvent event) {
    }

    /**
     * Decodes the events of the wanted types. Known types that are not wanted are passed over without parsing
     * their JSON (most of the stream is access records, which most readers ignore); unknown types are still
     * offered to the catalogue, which counts them.
     */
    public static List<Decoded> decode(List<StoredEvent> batch, Collection<Class<? extends LedgerEvent>> wanted) {
        Set<String> wantedNames = typeNames(wanted);
        Set<String> known = EventCatalogue.LEDGER.typeNames();
        List<Decoded> decoded = new ArrayList<>(batch.size());
        for (StoredEvent stored : batch) {
            if (!wantedNames.contains(stored.type()) && known.contains(stored.type())) {
                continue;
            }
            EventCatalogue.LEDGER.decode(stored).ifPresent(event -> decoded.add(new Decoded(stored, event)));
        }
        return decoded;
    }

    /** The stored names of these event types: what a follower asks the store to send whole. */
    public static Set<String> typeNames(Collection<Class<? extends LedgerEvent>> types) {
        Set<String> names = new HashSet<>();
        for (Class<? extends LedgerEvent> type : types) {
            names.add(EventCatalogue.LEDGER.typeName(type));
        }
        return names;
    }
}
