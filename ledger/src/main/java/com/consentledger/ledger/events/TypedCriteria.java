package com.consentledger.ledger.events;

import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.eventhandling.annotation.Event;
import org.axonframework.messaging.eventstreaming.EventCriteria;

import java.util.List;

/**
 * Axon criteria for an entity: its tag and the event types it is built from. Every entity names its types:
 * the store's tag index leaves access records out (migration V009), and a criterion without types would
 * look for them by a scan of all of them, on every decision.
 */
public final class TypedCriteria {

    private TypedCriteria() {
    }

    public static EventCriteria of(String tagKey, String tagValue, List<Class<? extends LedgerEvent>> types) {
        return EventCriteria.havingTags(tagKey, tagValue)
                .andBeingOneOfTypes(types.stream().map(TypedCriteria::qualifiedName).toArray(QualifiedName[]::new));
    }

    private static QualifiedName qualifiedName(Class<? extends LedgerEvent> type) {
        Event event = type.getAnnotation(Event.class);
        return new QualifiedName(event.namespace(), event.name());
    }
}
