package com.consentledger.ledger.eventstore;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Follows the store from a commit position: catches up, then stays live. It wakes on commits of this
 * node, on NOTIFY from other nodes and on a polling timer (the fallback when a notification is lost or
 * an older transaction held the horizon back). Each batch goes to the handler only after the previous
 * one's future completed, so a slow handler slows the reads instead of piling them up. With a
 * {@code minInterval}, wake-ups closer together than that are folded into one later read: under the rush a
 * commit lands every millisecond, and a read (and a projection transaction) per commit per follower cost the
 * database more than the appends themselves. A full batch is followed at once (catching up is not paced).
 * Every committed event (of the tail's types, when it has some) is delivered exactly once, in commit-safe order.
 */
public final class EventTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventTail.class);

    private final Vertx vertx;
    private final Context context;
    private final EventStore store;
    private final Function<EventSlice, Future<Void>> handler;
    private final int batchSize;
    private final long timerId;
    private final long minIntervalNanos;
    private final Set<String> types;
    private long lastReadStartedNanos;
    private boolean readScheduled;
    private Runnable stopCommitCalls = () -> { };
    private volatile CommitPosition position;
    private boolean reading;
    private boolean wokenWhileReading;
    private volatile boolean closed; // close() may come from a consumer thread

    private EventTail(Vertx vertx, EventStore store, CommitPosition from, int batchSize, Duration pollInterval,
                      Duration minInterval, Set<String> types, Function<EventSlice, Future<Void>> handler) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.store = store;
        this.position = from;
        this.batchSize = batchSize;
        this.handler = handler;
        this.minIntervalNanos = minInterval.toNanos();
        this.types = types == null ? null : Set.copyOf(types);
        this.lastReadStartedNanos = System.nanoTime() - minIntervalNanos;
        this.timerId = vertx.setPeriodic(pollInterval.toMillis(), ignored -> wake());
    }

    public static EventTail follow(Vertx vertx, EventStore store, CommitPosition from, int batchSize,
                                   Duration pollInterval, Function<List<StoredEvent>, Future<Void>> handler) {
        EventTail tail = new EventTail(vertx, store, from, batchSize, pollInterval, Duration.ZERO, null,
                slice -> handler.apply(slice.events()));
        return start(tail);
    }

    /**
     * As above, reading at most once per {@code minInterval} while live, and only the events of {@code types}
     * (see {@link EventStore#readTypesAfter(CommitPosition, int, Set)}). The handler also gets the slices that
     * hold no event but move the position past events of other types, so that a follower can record how far
     * it has read.
     */
    public static EventTail followTypes(Vertx vertx, EventStore store, CommitPosition from, int batchSize,
                                        Duration pollInterval, Duration minInterval, Set<String> types,
                                        Function<EventSlice, Future<Void>> handler) {
        return start(new EventTail(vertx, store, from, batchSize, pollInterval, minInterval, types, handler));
    }

    private static EventTail start(EventTail tail) {
        tail.stopCommitCalls = tail.store.onCommit(tail::wake);
        tail.wake();
        return tail;
    }

    /** The position after the last slice the handler has completed. */
    public CommitPosition position() {
        return position;
    }

    private void wake() {
        context.runOnContext(ignored -> readNext());
    }

    private void readNext() {
        if (closed) {
            return;
        }
        if (reading) {
            wokenWhileReading = true;
            return;
        }
        long early = minIntervalNanos - (System.nanoTime() - lastReadStartedNanos);
        if (early > 0) {
            if (!readScheduled) {
                readScheduled = true;
                vertx.setTimer(Math.max(1, Duration.ofNanos(early).toMillis()), ignored -> {
                    readScheduled = false;
                    if (reading) {
                        wokenWhileReading = true;
                    } else {
                        read();
                    }
                });
            }
            return;
        }
        read();
    }

    private void read() {
        if (closed) {
            return;
        }
        lastReadStartedNanos = System.nanoTime();
        reading = true;
        wokenWhileReading = false;
        read(position)
                .compose(slice -> slice.through().equals(position)
                        ? Future.succeededFuture(false)
                        : handler.apply(slice).map(done -> {
                            position = slice.through();
                            return slice.events().size() == batchSize;
                        }))
                .onComplete(result -> {
                    reading = false;
                    if (result.failed()) {
                        LOG.warn("reading after {} failed; retrying on the next wake-up", position, result.cause());
                    } else if (result.result()) {
                        read();
                    } else if (wokenWhileReading) {
                        readNext();
                    }
                });
    }

    private Future<EventSlice> read(CommitPosition after) {
        if (types != null) {
            return store.readTypesAfter(after, batchSize, types);
        }
        return store.readAfter(after, batchSize)
                .map(events -> new EventSlice(events, events.isEmpty() ? after : events.getLast().commitPosition()));
    }

    @Override
    public void close() {
        closed = true;
        vertx.cancelTimer(timerId);
        stopCommitCalls.run();
    }
}
