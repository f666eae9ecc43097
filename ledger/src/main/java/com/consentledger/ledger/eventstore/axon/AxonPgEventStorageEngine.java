package com.consentledger.ledger.eventstore.axon;

import com.consentledger.ledger.eventstore.AppendConflictException;
import com.consentledger.ledger.eventstore.AppendResult;
import com.consentledger.ledger.eventstore.CommitPosition;
import com.consentledger.ledger.eventstore.ConsistencyMarker;
import com.consentledger.ledger.eventstore.Criterion;
import com.consentledger.ledger.eventstore.EventStore;
import com.consentledger.ledger.eventstore.EventTail;
import com.consentledger.ledger.eventstore.NewEvent;
import com.consentledger.ledger.eventstore.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.axonframework.common.infra.ComponentDescriptor;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.AppendEventsTransactionRejectedException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.messaging.core.Context;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.QueueMessageStream;
import org.axonframework.messaging.core.SimpleEntry;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventhandling.TerminalEventMessage;
import org.axonframework.messaging.eventhandling.conversion.EventConverter;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.StreamingCondition;
import org.axonframework.messaging.eventstreaming.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Axon Framework 5's {@link EventStorageEngine} over our {@link EventStore}. Axon marks that interface
 * {@code @Internal} (it changes in 5.0.2), so this adapter is the only class that touches it; everything
 * else uses {@link EventStore}.
 * <p>
 * Tags {@code key=value}; the tag {@code subjectTagKey} also fills the subject column. A conditional
 * append carries the snapshot of the sourcing read ({@link PgConsistencyMarker}).
 */
public final class AxonPgEventStorageEngine implements EventStorageEngine {

    /** Metadata key whose value becomes the store's client event id (idempotent retries). */
    public static final String CLIENT_EVENT_ID = "clientEventId";

    private static final int STREAM_BATCH = 500;
    private static final int STREAM_HIGH_WATER = 2_000;
    private static final Duration STREAM_POLL = Duration.ofMillis(500);

    private final Vertx vertx;
    private final EventStore store;
    private final EventConverter converter;
    private final AxonEventTypes types;
    private final String subjectTagKey;
    private final Predicate<String> readable;

    public AxonPgEventStorageEngine(Vertx vertx, EventStore store, EventConverter converter, AxonEventTypes types,
                                    String subjectTagKey) {
        this(vertx, store, converter, types, subjectTagKey, type -> true);
    }

    /**
     * @param readable whether this build can read events of a stored type name; others (a newer version written
     *                 by a newer node, a type added later) are left out of sourcing and streaming instead of
     *                 failing the conversion. They still count for conflict checks: the marker covers them.
     */
    public AxonPgEventStorageEngine(Vertx vertx, EventStore store, EventConverter converter, AxonEventTypes types,
                                    String subjectTagKey, Predicate<String> readable) {
        this.vertx = vertx;
        this.store = store;
        this.converter = converter;
        this.types = types;
        this.subjectTagKey = subjectTagKey;
        this.readable = readable;
    }

    @Override
    public CompletableFuture<AppendTransaction<?>> appendEvents(AppendCondition condition, ProcessingContext context,
                                                                List<TaggedEventMessage<?>> events) {
        List<NewEvent> newEvents;
        com.consentledger.ledger.eventstore.AppendCondition storeCondition;
        try {
            newEvents = events.stream().map(this::toNewEvent).toList();
            storeCondition = toStoreCondition(condition);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.completedFuture(new AppendTransaction<AppendResult>() {
            private final AtomicBoolean finished = new AtomicBoolean();

            @Override
            public CompletableFuture<AppendResult> commit(ProcessingContext commitContext) {
                if (finished.getAndSet(true)) {
                    return CompletableFuture.failedFuture(new IllegalStateException("already committed or rolled back"));
                }
                if (newEvents.isEmpty()) {
                    return CompletableFuture.completedFuture(new AppendResult(List.of(), false));
                }
                return toCompletable(store.append(newEvents, storeCondition)).exceptionallyCompose(failure ->
                        CompletableFuture.failedFuture(failure instanceof AppendConflictException
                                ? AppendEventsTransactionRejectedException.conflictingEventsDetected(
                                        condition.consistencyMarker())
                                : failure));
            }

            @Override
            public void rollback(ProcessingContext rollbackContext) {
                finished.set(true);
            }

            @Override
            public CompletableFuture<org.axonframework.eventsourcing.eventstore.ConsistencyMarker> afterCommit(
                    AppendResult result, ProcessingContext afterCommitContext) {
                // No snapshot follows a commit: a marker that saw nothing makes any later check conservative.
                long last = result.positions().isEmpty() ? 0 : result.lastPosition();
                return CompletableFuture.completedFuture(new PgConsistencyMarker(new ConsistencyMarker(null, last)));
            }
        });
    }

    @Override
    public MessageStream<EventMessage> source(SourcingCondition condition, ProcessingContext context) {
        List<Criterion> criteria = toCriteria(condition.criteria());
        return SourcedMessageStream.of(toCompletable(store.source(criteria)).thenApply(sourced -> {
            List<MessageStream.Entry<EventMessage>> entries = new ArrayList<>(sourced.events().size() + 1);
            for (StoredEvent event : sourced.events()) {
                if (readable.test(event.type())) {
                    entries.add(new SimpleEntry<>(toMessage(event), contextOf(event)));
                }
            }
            entries.add(new SimpleEntry<>(TerminalEventMessage.INSTANCE, Context.with(
                    org.axonframework.eventsourcing.eventstore.ConsistencyMarker.RESOURCE_KEY,
                    new PgConsistencyMarker(sourced.marker()))));
            return entries;
        }));
    }

    @Override
    public MessageStream<EventMessage> stream(StreamingCondition condition, ProcessingContext context) {
        LinkedBlockingQueue<MessageStream.Entry<EventMessage>> buffer = new LinkedBlockingQueue<>();
        QueueMessageStream<EventMessage> stream = new QueueMessageStream<>(buffer);
        EventCriteria criteria = condition.criteria();
        // The consumer drains on its own thread; the tail waits on this promise while the buffer is full.
        AtomicReference<Promise<Void>> waitingForRoom = new AtomicReference<>();
        Runnable releaseWhenDrained = () -> {
            if (buffer.size() < STREAM_HIGH_WATER / 2) {
                Promise<Void> waiting = waitingForRoom.getAndSet(null);
                if (waiting != null) {
                    waiting.tryComplete();
                }
            }
        };
        stream.onConsumeCallback(releaseWhenDrained);
        AtomicReference<EventTail> reader = new AtomicReference<>();
        startOf(condition.position()).onSuccess(from -> {
            if (stream.isClosed()) {
                return;
            }
            EventTail tail = EventTail.follow(vertx, store, from, STREAM_BATCH, STREAM_POLL, events -> {
                for (StoredEvent event : events) {
                    if (!readable.test(event.type())) {
                        continue;
                    }
                    EventMessage message = toMessage(event);
                    if (criteria.matches(message.type().qualifiedName(), tagsOf(event))) {
                        stream.offer(message, contextOf(event));
                    }
                }
                if (buffer.size() < STREAM_HIGH_WATER) {
                    return Future.succeededFuture();
                }
                Promise<Void> room = Promise.promise();
                waitingForRoom.set(room);
                releaseWhenDrained.run(); // the consumer may have drained before the promise was visible
                return room.future();
            });
            reader.set(tail);
            if (stream.isClosed()) { // closed while the reader started
                tail.close();
            }
        }).onFailure(stream::completeExceptionally);
        // onClose wraps: the wrapper, not the queue, is what the caller closes.
        return stream.onClose(() -> {
            EventTail tail = reader.get();
            if (tail != null) {
                tail.close();
            }
        });
    }

    private Future<CommitPosition> startOf(TrackingToken token) {
        if (token == null || token == TrackingToken.FIRST) {
            return Future.succeededFuture(CommitPosition.START);
        }
        if (token == TrackingToken.LATEST) {
            return store.latestPosition();
        }
        if (token instanceof PgTrackingToken pg) {
            return Future.succeededFuture(pg.commitPosition());
        }
        return Future.failedFuture(new IllegalArgumentException("unsupported tracking token " + token));
    }

    @Override
    public CompletableFuture<TrackingToken> firstToken(ProcessingContext context) {
        return CompletableFuture.completedFuture(new PgTrackingToken(CommitPosition.START));
    }

    @Override
    public CompletableFuture<TrackingToken> latestToken(ProcessingContext context) {
        return toCompletable(store.latestPosition().map(PgTrackingToken::new));
    }

    @Override
    public CompletableFuture<TrackingToken> tokenAt(Instant at, ProcessingContext context) {
        return toCompletable(store.positionAt(at).map(PgTrackingToken::new));
    }

    @Override
    public void describeTo(ComponentDescriptor descriptor) {
        descriptor.describeProperty("store", store.getClass().getName());
        descriptor.describeProperty("subjectTagKey", subjectTagKey);
    }

    private NewEvent toNewEvent(TaggedEventMessage<?> tagged) {
        EventMessage event = tagged.event();
        byte[] payload = event.payloadAs(byte[].class, converter);
        Set<String> tags = tagged.tags().stream().map(tag -> tag.key() + "=" + tag.value()).collect(Collectors.toSet());
        String subject = tagged.tags().stream().filter(tag -> tag.key().equals(subjectTagKey))
                .map(Tag::value).findFirst().orElse(null);
        return new NewEvent(eventId(event.identifier()), types.storedName(event.type()), subject, tags,
                new String(payload, StandardCharsets.UTF_8),
                storedMetadata(event),
                event.metadata().get(CLIENT_EVENT_ID), event.timestamp());
    }

    private static String storedMetadata(EventMessage event) {
        Map<String, Object> metadata = new HashMap<>(event.metadata());
        metadata.remove(ReadMetadata.POSITION);
        return new JsonObject(metadata).encode();
    }

    /** Axon's identifiers are UUIDs by default; any other id maps to a stable name-based UUID. */
    private static UUID eventId(String identifier) {
        try {
            return UUID.fromString(identifier);
        } catch (IllegalArgumentException notAUuid) {
            return UUID.nameUUIDFromBytes(identifier.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static com.consentledger.ledger.eventstore.AppendCondition toStoreCondition(AppendCondition condition) {
        // AppendCondition.none() carries INFINITY: nothing can conflict with it.
        if (condition.consistencyMarker() == org.axonframework.eventsourcing.eventstore.ConsistencyMarker.INFINITY) {
            return com.consentledger.ledger.eventstore.AppendCondition.none();
        }
        ConsistencyMarker marker = condition.consistencyMarker() instanceof PgConsistencyMarker pg
                ? pg.marker() : ConsistencyMarker.ORIGIN;
        return com.consentledger.ledger.eventstore.AppendCondition.unchangedSince(marker, toCriteria(condition.criteria()));
    }

    private static List<Criterion> toCriteria(EventCriteria criteria) {
        return criteria.flatten().stream()
                .map(criterion -> new Criterion(
                        criterion.tags().stream().map(tag -> tag.key() + "=" + tag.value()).collect(Collectors.toSet()),
                        criterion.types().stream().map(type -> type.localName()).collect(Collectors.toSet())))
                .toList();
    }

    private EventMessage toMessage(StoredEvent event) {
        Map<String, String> metadata = new HashMap<>();
        new JsonObject(event.metadataJson()).forEach(entry -> metadata.put(entry.getKey(), String.valueOf(entry.getValue())));
        metadata.put(ReadMetadata.POSITION, Long.toString(event.position()));
        return new GenericEventMessage(event.eventId().toString(), types.messageType(event.type()),
                event.payloadJson().getBytes(StandardCharsets.UTF_8), metadata, event.occurredAt());
    }

    private Context contextOf(StoredEvent event) {
        return Tag.addToContext(TrackingToken.addToContext(Context.empty(), new PgTrackingToken(event.commitPosition())),
                tagsOf(event));
    }

    private static Set<Tag> tagsOf(StoredEvent event) {
        Set<Tag> tags = new HashSet<>();
        for (String tag : event.tags()) {
            int separator = tag.indexOf('=');
            tags.add(separator < 0 ? new Tag(tag, "") : new Tag(tag.substring(0, separator), tag.substring(separator + 1)));
        }
        return tags;
    }

    private static <T> CompletableFuture<T> toCompletable(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture();
    }
}
