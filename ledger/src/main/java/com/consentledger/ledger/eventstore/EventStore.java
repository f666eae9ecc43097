package com.consentledger.ledger.eventstore;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The ledger's append-only event store. Every method is non-blocking.
 * This, not Axon's internal {@code EventStorageEngine}, is the interface the rest of the code uses.
 */
public interface EventStore {

    /**
     * Appends the events of one request atomically. Concurrent requests are group-committed.
     * Fails with {@link AppendConflictException}, {@link IdempotencyConflictException} or
     * {@link EventRejectedException}; then nothing of the request was stored.
     */
    Future<AppendResult> append(List<NewEvent> events, AppendCondition condition);

    /** The events matching any of the criteria, in position order, with the marker for a later append. */
    Future<SourcedEvents> source(List<Criterion> criteria);

    /** One subject's events in position order, up to and including {@code maxPosition} ({@code Long.MAX_VALUE}: all). */
    Future<List<StoredEvent>> readSubject(String subject, long maxPosition);

    /** One subject's events recorded at or before {@code recordedAtOrBefore}, in position order. */
    Future<List<StoredEvent>> readSubjectRecordedBy(String subject, Instant recordedAtOrBefore);

    /**
     * Up to {@code limit} events after {@code after} in commit-safe order. Only events of transactions
     * older than every running transaction are returned, so nothing committed later can sort before them.
     */
    Future<List<StoredEvent>> readAfter(CommitPosition after, int limit);

    /**
     * Up to {@code limit} events of {@code types} after {@code after} in commit-safe order, and how far the read
     * looked ({@link EventSlice#through()}): when fewer than {@code limit} came back, up to the last event a
     * reader may see, so a follower's position advances past the events it does not read. Under the rush
     * almost every event is an access record that most followers pass by; asked for types without
     * {@code DataAccessed.v1}, the store does not read them at all.
     */
    Future<EventSlice> readTypesAfter(CommitPosition after, int limit, Set<String> types);

    /** The positions of the given events; ids the store does not hold are absent from the answer. */
    Future<Map<UUID, Long>> positionsOf(List<UUID> eventIds);

    /** The position before the first event recorded at or after the instant. */
    Future<CommitPosition> positionAt(Instant instant);

    /** The position after the last event a reader may currently see. */
    Future<CommitPosition> latestPosition();

    /**
     * Calls {@code listener} after each commit of this store or (via NOTIFY) of another node.
     * Calling the returned action stops the calls.
     */
    Runnable onCommit(Runnable listener);

    /** Group-commit counters. */
    GroupCommitStats stats();
}
