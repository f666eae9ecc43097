package com.consentledger.ledger.eventstore;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An event to append.
 *
 * @param eventId       unique id; appending the same id again with the same content is a no-op retry
 * @param type          versioned type name such as {@code ConsentGranted.v1}, never a Java class name
 * @param subject       the data subject the event is about, or {@code null} (policy events)
 * @param tags          consistency-boundary tags, each {@code key=value}
 * @param payloadJson   the payload as a JSON object text
 * @param metadataJson  actor, channel, correlation id... as a JSON object text
 * @param clientEventId the id the client chose for idempotent retries, or {@code null}
 * @param occurredAt    when it happened (e.g. on the phone); {@code recordedAt} is set by the store
 */
public record NewEvent(UUID eventId, String type, String subject, Set<String> tags, String payloadJson,
                       String metadataJson, String clientEventId, Instant occurredAt) {

    public NewEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payloadJson, "payloadJson");
        Objects.requireNonNull(occurredAt, "occurredAt");
        tags = Set.copyOf(tags);
        metadataJson = metadataJson == null ? "{}" : metadataJson;
    }
}
