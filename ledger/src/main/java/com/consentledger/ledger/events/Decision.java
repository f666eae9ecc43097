package com.consentledger.ledger.events;

import org.axonframework.messaging.eventhandling.gateway.EventAppender;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The events a command decided on, each with the id it is stored under, so the caller can look up their
 * positions once the decision is committed.
 */
public record Decision(List<Identified> events) {

    public record Identified(UUID eventId, LedgerEvent event) {
    }

    public Decision {
        events = List.copyOf(events);
    }

    /** Appends the events under fresh ids and answers the decision. */
    public static Decision append(EventAppender appender, Supplier<UUID> ids, List<? extends LedgerEvent> events) {
        List<Identified> identified = events.stream().map(event -> new Identified(ids.get(), event)).toList();
        identified.forEach(event -> appender.append(EventCatalogue.LEDGER.message(event.event(), event.eventId())));
        return new Decision(identified);
    }

    public List<UUID> eventIds() {
        return events.stream().map(Identified::eventId).toList();
    }
}
