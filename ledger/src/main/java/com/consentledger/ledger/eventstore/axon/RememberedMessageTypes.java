package com.consentledger.ledger.eventstore.axon;

import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.MessageTypeResolver;

import java.util.Optional;

/**
 * Resolves a payload class's message type once and remembers it. Axon 5.0.1 asks for the type of every event
 * handler's payload class on every sourced event (an entity with six handlers: six look-ups of the class's
 * annotations per event), and its annotation resolver reads the annotations afresh each time: 4.5 % of the
 * service's CPU for a consent change. A class's annotations cannot change while it is loaded, so neither can
 * its type.
 */
public final class RememberedMessageTypes implements MessageTypeResolver {

    private final ClassValue<Optional<MessageType>> types;

    public RememberedMessageTypes(MessageTypeResolver resolver) {
        this.types = new ClassValue<>() {
            @Override
            protected Optional<MessageType> computeValue(Class<?> payloadType) {
                return resolver.resolve(payloadType);
            }
        };
    }

    @Override
    public Optional<MessageType> resolve(Class<?> payloadType) {
        return types.get(payloadType);
    }
}
