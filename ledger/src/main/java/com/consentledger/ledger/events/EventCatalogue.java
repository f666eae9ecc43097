package com.consentledger.ledger.events;

import com.consentledger.ledger.eventstore.NewEvent;
import com.consentledger.ledger.eventstore.StoredEvent;
import com.consentledger.ledger.eventstore.axon.AxonEventTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.axonframework.eventsourcing.annotation.EventTag;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventhandling.annotation.Event;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Encodes and decodes {@link LedgerEvent}s by their stored type names, outside Axon (blind appends, readers,
 * projections). Readers meet types this build does not know (a newer node wrote {@code ConsentGranted.v2},
 * or a type added later): {@link #decode} skips them and counts them per type, it never fails on them.
 */
public final class EventCatalogue {

    // initialised before LEDGER, whose constructor uses it
    private static final AxonEventTypes TYPES = new AxonEventTypes(LedgerEvent.NAMESPACE);

    public static final EventCatalogue LEDGER = new EventCatalogue();

    private final Map<String, Class<? extends LedgerEvent>> classByName;
    private final Map<Class<?>, String> nameByClass;
    private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
    private final Map<Class<?>, List<TagAccessor>> tagAccessors;

    @SuppressWarnings("unchecked")
    private EventCatalogue() {
        nameByClass = Arrays.stream(LedgerEvent.class.getPermittedSubclasses())
                .collect(Collectors.toUnmodifiableMap(Function.identity(), EventCatalogue::storedName));
        Map<String, Class<? extends LedgerEvent>> byName = new HashMap<>();
        nameByClass.forEach((type, name) -> byName.put(name, (Class<? extends LedgerEvent>) type));
        classByName = Map.copyOf(byName);
        tagAccessors = nameByClass.keySet().stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), TagAccessor::of));
    }

    private static String storedName(Class<?> type) {
        Event event = type.getAnnotation(Event.class);
        return TYPES.storedName(new MessageType(new QualifiedName(event.namespace(), event.name()), event.version()));
    }

    /** The stored type name, such as {@code ConsentGranted.v1}. */
    public String typeName(Class<? extends LedgerEvent> type) {
        return nameByClass.get(type);
    }

    public Set<String> typeNames() {
        return classByName.keySet();
    }

    /** Whether this build reads the stored type; an unknown one is counted in {@link #skippedTypes()}. */
    public boolean readable(String storedType) {
        if (classByName.containsKey(storedType)) {
            return true;
        }
        skipped.computeIfAbsent(storedType, name -> new LongAdder()).increment();
        return false;
    }

    /**
     * The event, or empty when its type is unknown to this build (counted in {@link #skippedTypes()}).
     *
     * @throws IllegalStateException when a known type's payload cannot be read: that is corruption, not news
     */
    public Optional<LedgerEvent> decode(StoredEvent stored) {
        if (!readable(stored.type())) {
            return Optional.empty();
        }
        Class<? extends LedgerEvent> type = classByName.get(stored.type());
        try {
            return Optional.of(LedgerJson.MAPPER.readValue(stored.payloadJson(), type));
        } catch (IOException unreadable) {
            throw new IllegalStateException("event at position " + stored.position() + " of type " + stored.type()
                    + " has a payload this build cannot read", unreadable);
        }
    }

    /** How many events of each unknown type readers have skipped so far. */
    public Map<String, Long> skippedTypes() {
        Map<String, Long> counts = new HashMap<>();
        skipped.forEach((type, count) -> counts.put(type, count.sum()));
        return counts;
    }

    /**
     * The event as an Axon message with the id we chose (so the caller can find its position afterwards)
     * and {@code occurredAt} as its timestamp (which the store keeps as {@code occurred_at}).
     */
    public EventMessage message(LedgerEvent event, UUID eventId) {
        Event annotation = event.getClass().getAnnotation(Event.class);
        MessageType type = new MessageType(new QualifiedName(annotation.namespace(), annotation.name()), annotation.version());
        return new GenericEventMessage(eventId.toString(), type, event, Map.of(), event.occurredAt());
    }

    /** An event ready for {@code EventStore.append}, tagged as Axon would tag it ({@code @EventTag} fields). */
    public NewEvent encode(LedgerEvent event, UUID eventId, String clientEventId, String metadataJson) {
        try {
            String subject = event instanceof SubjectEvent subjectEvent ? subjectEvent.subjectId() : null;
            return new NewEvent(eventId, nameByClass.get(event.getClass()), subject, tagsOf(event),
                    LedgerJson.MAPPER.writeValueAsString(event), metadataJson, clientEventId, event.occurredAt());
        } catch (JsonProcessingException unwritable) {
            throw new IllegalArgumentException("cannot write event " + event, unwritable);
        }
    }

    private Set<String> tagsOf(LedgerEvent event) {
        Set<String> tags = new HashSet<>();
        for (TagAccessor accessor : tagAccessors.get(event.getClass())) {
            Object value = accessor.valueOf(event);
            if (value != null) {
                tags.add(accessor.key() + "=" + value);
            }
        }
        return tags;
    }

    /** A record component carrying {@code @EventTag}: found once per type, read for every event appended. */
    private record TagAccessor(String key, Method accessor) {

        static List<TagAccessor> of(Class<?> type) {
            List<TagAccessor> accessors = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                // @EventTag targets fields and methods, so on a record it lands on the accessor
                EventTag tag = component.getAccessor().getAnnotation(EventTag.class);
                if (tag != null) {
                    accessors.add(new TagAccessor(tag.key(), component.getAccessor()));
                }
            }
            return List.copyOf(accessors);
        }

        Object valueOf(LedgerEvent event) {
            try {
                return accessor.invoke(event);
            } catch (IllegalAccessException | InvocationTargetException unreachable) {
                throw new IllegalStateException("cannot read " + accessor.getName() + " of " + event, unreachable);
            }
        }
    }
}
