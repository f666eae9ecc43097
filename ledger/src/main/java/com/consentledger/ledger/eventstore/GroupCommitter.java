package com.consentledger.ledger.eventstore;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes the appends of concurrent requests in shared transactions: one call of
 * {@code ledger.append_events} (one round trip, one commit) per batch. Appends queue up while at most
 * {@code maxInFlight} batches wait for their commit, so the batch size follows the load by itself.
 * <p>
 * All batching state is confined to one Vert.x context; {@link #append} may be called from any thread.
 * A batch that fails as a whole (a constraint violation, a lost connection) is retried one request at a
 * time, so a poisoned request fails alone; retries are safe because event ids make re-appends no-ops.
 */
final class GroupCommitter {

    private static final String APPEND_SQL = """
            SELECT request, outcome, positions
            FROM ledger.append_events($1, $2, $3, $4, $5::text[]::jsonb[], $6::text[]::jsonb[], $7, $8, $9, $10,
                                      $11::text::jsonb)""";

    /**
     * New facts with no condition and no client id (the rush's access records) need none of
     * {@code append_events}' checks: one plain INSERT costs PostgreSQL about half as much. Tags travel as one
     * array literal per event. Should one of these ids exist already (a retry), the unique index refuses the
     * batch and it is retried through {@code append_events}, which answers duplicates.
     */
    private static final String INSERT_NEW_SQL = """
            INSERT INTO ledger.events (event_id, type, subject, tags, payload, metadata, occurred_at)
            SELECT event_id, type, subject, tags::text[], payload::jsonb, metadata::jsonb, occurred_at
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
                 WITH ORDINALITY AS incoming (event_id, type, subject, tags, payload, metadata, occurred_at, ordinal)
            ORDER BY ordinal
            RETURNING position, event_id""";

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    /**
     * No timeout ends a batch whose database call never answers (its outcome would be unknown), and while it
     * waits the later appends go out only once {@code extraBatchFrom} of them wait: a sequential writer hangs.
     * This says so in the log instead of staying silent.
     */
    static final Duration STUCK_AFTER = Duration.ofSeconds(10);

    private final Context context;
    private final Pool pool;
    private final GroupCommitSettings settings;
    private final Runnable afterCommit;
    private final Queue<PendingAppend> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    /** Appends accepted and not yet taken into a batch (in {@code incoming} or {@code waiting}). */
    private final AtomicInteger queued = new AtomicInteger();
    /**
     * How many queued appends make it worth waking the committer, published after each flush: 1 when it is idle;
     * {@code extraBatchFrom} while a batch is in flight or a linger runs (its end or the batch's commit flushes
     * anyway, unless a second batch or an early end is due); never while {@code maxInFlight} batches are in flight.
     * Waking it for every append cost a thread wake-up per request through the rush's ramp, each only to find the
     * batch still lingering or in flight (docs/benchmarks.md).
     */
    private volatile int wakeWhenQueued = 1;
    private final ArrayDeque<PendingAppend> waiting = new ArrayDeque<>();
    private int inFlight;
    /** When the latest batch was sent and how many requests it carried: whether and how long to linger. */
    private long lastBatchSentNanos;
    private int lastBatchRequests;
    private boolean lingerTimerSet;
    /** When each batch in flight was sent, oldest first; read from any thread by {@link #stats()}. */
    private final ConcurrentLinkedDeque<Long> inFlightSince = new ConcurrentLinkedDeque<>();
    private final long stuckCheckTimer;
    private final List<Promise<Void>> drainWaiters = new ArrayList<>();
    /** Requests accepted and not yet answered, across threads: the bound of {@code maxWaiting}. */
    private final AtomicInteger pending = new AtomicInteger();

    private final LongAdder transactions = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder retriedAlone = new LongAdder();

    GroupCommitter(Context context, Pool pool, GroupCommitSettings settings, Runnable afterCommit) {
        this.context = context;
        this.pool = pool;
        this.settings = settings;
        this.afterCommit = afterCommit;
        this.stuckCheckTimer = context.owner().setPeriodic(STUCK_AFTER.toMillis() / 2,
                timer -> context.runOnContext(ignored -> warnIfStuck()));
    }

    private void warnIfStuck() {
        Duration oldest = oldestInFlight();
        if (oldest.compareTo(STUCK_AFTER) >= 0) {
            LOG.warn("a group-commit batch has waited {} s for the database; {} appends wait behind it"
                    + " (see pg_stat_activity)", oldest.toSeconds(), waiting.size() + incoming.size());
        }
    }

    private Duration oldestInFlight() {
        Long oldest = inFlightSince.peekFirst();
        return oldest == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - oldest);
    }

    void close() {
        context.owner().cancelTimer(stuckCheckTimer);
    }

    Future<AppendResult> append(List<NewEvent> events, AppendCondition condition) {
        int waitingNow = pending.incrementAndGet();
        if (waitingNow > settings.maxWaiting()) {
            pending.decrementAndGet();
            return Future.failedFuture(new StoreOverloadedException(waitingNow - 1));
        }
        Promise<AppendResult> promise = Promise.promise();
        promise.future().onComplete(done -> pending.decrementAndGet());
        incoming.add(PendingAppend.of(events, condition, promise));
        // counted, then the threshold read: the committer publishes the threshold, then reads the count (both
        // volatile), so one of the two sees the other and no append is left behind an idle committer
        if (queued.incrementAndGet() >= wakeWhenQueued) {
            scheduleFlush();
        }
        return answeredOn(Vertx.currentContext(), promise.future());
    }

    private void scheduleFlush() {
        if (flushScheduled.compareAndSet(false, true)) {
            context.runOnContext(ignored -> flush());
        }
    }

    /**
     * The answer, handed back to the caller's context: what the caller does next (for an access, build the
     * HTTP answer and send it) then runs on its own event loop. Completed on the committer's, every caller's
     * continuation ran on that one thread: at the rush's peak it encoded every answer besides committing.
     */
    private Future<AppendResult> answeredOn(Context caller, Future<AppendResult> answer) {
        if (caller == null || caller == context) {
            return answer;
        }
        Promise<AppendResult> handedBack = Promise.promise();
        answer.onComplete(result -> caller.runOnContext(ignored -> handedBack.handle(result)));
        return handedBack.future();
    }

    /** Completes once every append submitted before the call has committed or failed (for a clean shutdown). */
    Future<Void> drained() {
        Promise<Void> drained = Promise.promise();
        context.runOnContext(ignored -> {
            drainWaiters.add(drained);
            flush();
        });
        return drained.future();
    }

    GroupCommitStats stats() {
        return new GroupCommitStats(transactions.sum(), requests.sum(), events.sum(), retriedAlone.sum(),
                oldestInFlight());
    }

    private void flush() {
        flushScheduled.set(false);
        for (PendingAppend next; (next = incoming.poll()) != null; ) {
            waiting.add(next);
        }
        while (inFlight < settings.maxInFlight() && !waiting.isEmpty()
                && (inFlight == 0 || waiting.size() >= settings.extraBatchFrom())) {
            long lingerLeft = lingerLeftNanos();
            if (lingerLeft > 0) {
                lingerThenFlush(lingerLeft);
                break;
            }
            List<PendingAppend> batch = takeBatch();
            queued.addAndGet(-batch.size());
            inFlight++;
            Long sent = System.nanoTime();
            lastBatchSentNanos = sent;
            lastBatchRequests = batch.size();
            inFlightSince.add(sent);
            writeBatch(batch).onComplete(ignored -> {
                inFlightSince.remove(sent);
                inFlight--;
                flush();
            });
        }
        if (inFlight == 0 && waiting.isEmpty() && incoming.isEmpty() && !drainWaiters.isEmpty()) {
            drainWaiters.forEach(Promise::tryComplete);
            drainWaiters.clear();
        }
        int threshold = inFlight == 0 && !lingerTimerSet ? 1
                : inFlight < settings.maxInFlight() ? settings.extraBatchFrom() : Integer.MAX_VALUE;
        wakeWhenQueued = threshold;
        if (queued.get() >= threshold) {
            scheduleFlush(); // appends that came while this flush ran, counted against the old threshold
        }
    }

    /**
     * How much longer the waiting requests should gather before a batch goes out: only under concurrent load
     * (the latest batch carried several requests) and while fewer than {@code extraBatchFrom} wait. Under the
     * rush's ramp, batches left as soon as the previous one committed: a transaction's fixed cost, in PostgreSQL
     * and here, paid for every four accesses or so (docs/benchmarks.md).
     */
    private long lingerLeftNanos() {
        if (settings.linger().isZero() || lastBatchRequests < 2 || waiting.size() >= settings.extraBatchFrom()) {
            return 0;
        }
        return settings.linger().toNanos() - (System.nanoTime() - lastBatchSentNanos);
    }

    private void lingerThenFlush(long lingerLeftNanos) {
        if (lingerTimerSet) {
            return;
        }
        lingerTimerSet = true;
        long millis = Math.max(1, (lingerLeftNanos + 999_999) / 1_000_000);
        context.owner().setTimer(millis, timer -> context.runOnContext(ignored -> {
            lingerTimerSet = false;
            flush();
        }));
    }

    /**
     * Takes requests in arrival order, leaving for a later batch any request that must see an earlier
     * one committed first: one whose criteria match an event already in this batch, or one that
     * reuses an id already in it (both would otherwise be checked against the same snapshot).
     */
    private List<PendingAppend> takeBatch() {
        List<PendingAppend> batch = new ArrayList<>();
        List<NewEvent> batchEvents = new ArrayList<>();
        Set<Object> ids = new HashSet<>();
        int conditional = 0;
        boolean plain = waiting.getFirst().plain();
        for (Iterator<PendingAppend> it = waiting.iterator(); it.hasNext(); ) {
            PendingAppend candidate = it.next();
            if (candidate.plain() != plain) {
                continue;
            }
            if (!batch.isEmpty() && batchEvents.size() + candidate.events().size() > settings.maxEventsPerBatch()) {
                break;
            }
            boolean isConditional = candidate.condition() instanceof AppendCondition.UnchangedSince;
            if (isConditional && conditional == settings.maxConditionalPerBatch()) {
                continue;
            }
            if (sharesAnId(candidate, ids) || mustSee(candidate, batchEvents)) {
                continue;
            }
            it.remove();
            batch.add(candidate);
            batchEvents.addAll(candidate.events());
            candidate.events().forEach(event -> {
                ids.add(event.eventId());
                if (event.clientEventId() != null) {
                    ids.add(event.clientEventId());
                }
            });
            if (isConditional) {
                conditional++;
            }
        }
        return batch;
    }

    private static boolean sharesAnId(PendingAppend candidate, Set<Object> ids) {
        return candidate.events().stream().anyMatch(event -> ids.contains(event.eventId())
                || (event.clientEventId() != null && ids.contains(event.clientEventId())));
    }

    private static boolean mustSee(PendingAppend candidate, List<NewEvent> batchEvents) {
        return candidate.condition() instanceof AppendCondition.UnchangedSince condition
                && batchEvents.stream().anyMatch(event -> condition.matchesAny(event.type(), event.tags()));
    }

    private Future<Void> writeBatch(List<PendingAppend> batch) {
        if (batch.getFirst().plain()) {
            return pool.preparedQuery(INSERT_NEW_SQL).execute(toInsertParameters(batch)).compose(rows -> {
                completeInserted(rows, batch);
                return Future.<Void>succeededFuture();
            }, failure -> retryOneByOne(batch));
        }
        if (batch.size() == 1) {
            return writeAlone(batch.getFirst());
        }
        return execute(batch).compose(rows -> {
            completeFrom(rows, batch);
            return Future.<Void>succeededFuture();
        }, failure -> retryOneByOne(batch));
    }

    /** Sequentially, so that requests deferred for each other still see each other's commits. */
    private Future<Void> retryOneByOne(List<PendingAppend> batch) {
        Future<Void> chain = Future.succeededFuture();
        for (PendingAppend request : batch) {
            chain = chain.compose(ignored -> {
                retriedAlone.increment();
                return writeAlone(request);
            });
        }
        return chain;
    }

    /**
     * A unique violation on an event id or client event id means a concurrent batch stored the same
     * event first; written again, the request sees it and completes as a duplicate (or a conflict).
     */
    private Future<Void> writeAlone(PendingAppend request) {
        return execute(List.of(request))
                .recover(failure -> isUniqueViolation(failure) ? execute(List.of(request)) : Future.failedFuture(failure))
                .compose(rows -> {
                    completeFrom(rows, List.of(request));
                    return Future.<Void>succeededFuture();
                }, failure -> {
                    request.promise().fail(translate(failure));
                    return Future.succeededFuture();
                });
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private Future<RowSet<Row>> execute(List<PendingAppend> batch) {
        return pool.preparedQuery(APPEND_SQL).execute(toParameters(batch));
    }

    private void completeFrom(RowSet<Row> rows, List<PendingAppend> batch) {
        transactions.increment();
        boolean appended = false;
        for (Row row : rows) {
            PendingAppend request = batch.get(row.getInteger("request"));
            switch (row.getString("outcome")) {
                case "appended" -> {
                    AppendResult result = new AppendResult(positions(row), false);
                    requests.increment();
                    events.add(result.positions().size());
                    appended = true;
                    request.promise().complete(result);
                }
                case "duplicate" -> {
                    requests.increment();
                    request.promise().complete(new AppendResult(positions(row), true));
                }
                case "conflict" -> request.promise().fail(new AppendConflictException(
                        ((AppendCondition.UnchangedSince) request.condition()).marker()));
                case "idempotency-conflict" -> request.promise().fail(new IdempotencyConflictException());
                default -> request.promise().fail(new EventStoreException("unknown outcome " + row.getString("outcome")));
            }
        }
        if (appended) {
            afterCommit.run();
        }
    }

    private void completeInserted(RowSet<Row> rows, List<PendingAppend> batch) {
        transactions.increment();
        Map<UUID, Long> positionById = new HashMap<>(rows.size() * 2);
        for (Row row : rows) {
            positionById.put(row.getUUID("event_id"), row.getLong("position"));
        }
        for (PendingAppend request : batch) {
            List<Long> positions = request.events().stream().map(event -> positionById.get(event.eventId())).toList();
            requests.increment();
            events.add(positions.size());
            request.promise().complete(new AppendResult(positions, false));
        }
        afterCommit.run();
    }

    private static List<Long> positions(Row row) {
        return List.of(row.getArrayOfLongs("positions"));
    }

    private static Throwable translate(Throwable failure) {
        if (failure instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"))) {
            return new EventRejectedException("PostgreSQL refused the events: " + pg.getErrorMessage(), failure);
        }
        return new EventStoreException("append failed: " + failure.getMessage(), failure);
    }

    private static Tuple toParameters(List<PendingAppend> batch) {
        int eventCount = batch.stream().mapToInt(request -> request.events().size()).sum();
        Integer[] request = new Integer[eventCount];
        UUID[] eventId = new UUID[eventCount];
        String[] type = new String[eventCount];
        String[] subject = new String[eventCount];
        String[] payload = new String[eventCount];
        String[] metadata = new String[eventCount];
        String[] clientId = new String[eventCount];
        OffsetDateTime[] occurredAt = new OffsetDateTime[eventCount];
        List<Integer> tagEvent = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        JsonArray conditions = new JsonArray();
        int i = 0;
        for (int r = 0; r < batch.size(); r++) {
            PendingAppend pending = batch.get(r);
            for (NewEvent event : pending.events()) {
                request[i] = r;
                eventId[i] = event.eventId();
                type[i] = event.type();
                subject[i] = event.subject();
                payload[i] = event.payloadJson();
                metadata[i] = event.metadataJson();
                clientId[i] = event.clientEventId();
                occurredAt[i] = event.occurredAt().atOffset(ZoneOffset.UTC);
                i++;
                for (String tag : event.tags()) {
                    tagEvent.add(i); // 1-based ordinal, as PostgreSQL arrays count
                    tags.add(tag);
                }
            }
            if (pending.condition() instanceof AppendCondition.UnchangedSince condition) {
                JsonArray criteria = new JsonArray();
                condition.criteria().forEach(criterion -> criteria.add(new JsonObject()
                        .put("tags", new JsonArray(List.copyOf(criterion.tags())))
                        .put("types", new JsonArray(List.copyOf(criterion.types())))));
                conditions.add(new JsonObject()
                        .put("request", r)
                        .put("snapshot", condition.marker().snapshot())
                        .put("criteria", criteria));
            }
        }
        return Tuple.tuple(List.of(request, eventId, type, subject, payload, metadata, clientId, occurredAt,
                tagEvent.toArray(Integer[]::new), tags.toArray(String[]::new), conditions.encode()));
    }

    private static Tuple toInsertParameters(List<PendingAppend> batch) {
        int eventCount = batch.stream().mapToInt(request -> request.events().size()).sum();
        UUID[] eventId = new UUID[eventCount];
        String[] type = new String[eventCount];
        String[] subject = new String[eventCount];
        String[] tags = new String[eventCount];
        String[] payload = new String[eventCount];
        String[] metadata = new String[eventCount];
        OffsetDateTime[] occurredAt = new OffsetDateTime[eventCount];
        int i = 0;
        for (PendingAppend pending : batch) {
            for (NewEvent event : pending.events()) {
                eventId[i] = event.eventId();
                type[i] = event.type();
                subject[i] = event.subject();
                tags[i] = arrayLiteral(event.tags());
                payload[i] = event.payloadJson();
                metadata[i] = event.metadataJson();
                occurredAt[i] = event.occurredAt().atOffset(ZoneOffset.UTC);
                i++;
            }
        }
        return Tuple.tuple(List.of(eventId, type, subject, tags, payload, metadata, occurredAt));
    }

    /** A PostgreSQL {@code text[]} literal: every element quoted, backslash and double quote escaped. */
    static String arrayLiteral(Set<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (String value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    /**
     * @param plain no condition and no client event id: written by {@link #INSERT_NEW_SQL}, batched only with
     *              its kind
     */
    private record PendingAppend(List<NewEvent> events, AppendCondition condition, Promise<AppendResult> promise,
                                 boolean plain) {

        static PendingAppend of(List<NewEvent> events, AppendCondition condition, Promise<AppendResult> promise) {
            return new PendingAppend(List.copyOf(events), condition, promise, condition == AppendCondition.none()
                    && events.stream().allMatch(event -> event.clientEventId() == null));
        }
    }
}
