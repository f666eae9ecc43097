package com.consentledger.projections.runner;

import com.consentledger.ledger.eventstore.CommitPosition;
import com.consentledger.ledger.eventstore.EventSlice;
import com.consentledger.ledger.eventstore.EventStore;
import com.consentledger.ledger.eventstore.EventTail;
import com.consentledger.ledger.eventstore.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one generation of a projection: catches up from its checkpoint in commit-safe order, then follows
 * the store live. Each batch and the checkpoint after it commit in one transaction, so after a crash,
 * a failed batch or a restart, the runner resumes exactly after the last committed batch: no event is
 * applied twice or skipped. A failed batch is retried on the next wake-up (a commit or the poll timer).
 */
public final class ProjectionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRunner.class);

    private static final String READ_CHECKPOINT = """
            SELECT transaction_id::text::bigint AS transaction_id, position, events_applied, last_recorded_at
            FROM projections.checkpoints WHERE projection = $1 AND generation = $2""";
    /*
     * Never moves a checkpoint back: a pause stores the checkpoint in a transaction of its own, and were a resumed
     * runner's next batch to commit first, the older one would otherwise overwrite it (and a restart apply that
     * batch twice).
     */
    private static final String WRITE_CHECKPOINT = """
            INSERT INTO projections.checkpoints
                (projection, generation, transaction_id, position, events_applied, last_recorded_at, updated_at)
            VALUES ($1, $2, $3::text::xid8, $4, $5, $6, clock_timestamp())
            ON CONFLICT (projection, generation) DO UPDATE SET transaction_id = excluded.transaction_id,
                position = excluded.position, events_applied = excluded.events_applied,
                last_recorded_at = excluded.last_recorded_at, updated_at = excluded.updated_at
            WHERE (checkpoints.transaction_id, checkpoints.position) <= (excluded.transaction_id, excluded.position)""";

    /**
     * Batch size, poll interval and the least time between two live reads of a runner. Read models may lag a
     * little (the ready check allows 30 s); 50 ms between reads turns a transaction per commit under the rush
     * into at most 20 per second, with batches of hundreds of events.
     * <p>
     * {@code passByStoreInterval}: how often a checkpoint that only passed events of other types by is stored.
     * Under the rush nearly every slice is such (access records pass every projection by), and storing each
     * was a transaction per runner per read: about 60 of the 700 PostgreSQL committed a second in the rush's
     * ramp. Between stores the checkpoint moves in memory; the next applied batch stores it in its own
     * transaction, and {@link #pause()} stores it too. After a crash the runner re-reads what it had passed by,
     * which holds nothing of its types: still no event applied twice or skipped.
     */
    public record Settings(int batchSize, Duration pollInterval, Duration minInterval, Duration passByStoreInterval) {
        public static final Settings DEFAULT = new Settings(1_000, Duration.ofMillis(500), Duration.ofMillis(50),
                Duration.ofSeconds(5));

        /** Reading on every commit and storing every checkpoint: for tests that want the read models at once. */
        public Settings(int batchSize, Duration pollInterval) {
            this(batchSize, pollInterval, Duration.ZERO, Duration.ZERO);
        }
    }

    /**
     * Where a runner stands: it has read the stream up to {@code position} and applied {@code eventsApplied}
     * events of its types; {@code lastRecordedAt} is when the last of them was recorded.
     */
    public record Checkpoint(CommitPosition position, long eventsApplied, Instant lastRecordedAt) {
        static final Checkpoint START = new Checkpoint(CommitPosition.START, 0, null);
    }

    private final Vertx vertx;
    private final Pool pool;
    private final EventStore store;
    private final Projection projection;
    private final int generation;
    private final Settings settings;
    private volatile Checkpoint checkpoint;
    /** The checkpoint as stored; behind {@link #checkpoint} only by slices that passed other types by. */
    private volatile Checkpoint stored;
    private volatile long storedAtNanos;
    private EventTail tail;
    private volatile boolean paused;
    private final AtomicReference<Future<Void>> inFlight = new AtomicReference<>(Future.succeededFuture());

    private ProjectionRunner(Vertx vertx, Pool pool, EventStore store, Projection projection, int generation,
                             Settings settings, Checkpoint checkpoint) {
        this.vertx = vertx;
        this.pool = pool;
        this.store = store;
        this.projection = projection;
        this.generation = generation;
        this.settings = settings;
        this.checkpoint = checkpoint;
        this.stored = checkpoint;
        this.storedAtNanos = System.nanoTime();
    }

    /** Reads the generation's checkpoint and starts following the store from there. */
    public static Future<ProjectionRunner> start(Vertx vertx, Pool pool, EventStore store, Projection projection,
                                                 int generation, Settings settings) {
        return readCheckpoint(pool, projection.name(), generation).map(checkpoint -> {
            ProjectionRunner runner = new ProjectionRunner(vertx, pool, store, projection, generation, settings, checkpoint);
            runner.follow();
            return runner;
        });
    }

    static Future<Checkpoint> readCheckpoint(Pool pool, String projection, int generation) {
        return pool.preparedQuery(READ_CHECKPOINT).execute(Tuple.of(projection, generation)).map(rows -> {
            if (rows.size() == 0) {
                return Checkpoint.START;
            }
            var row = rows.iterator().next();
            OffsetDateTime lastRecordedAt = row.getOffsetDateTime("last_recorded_at");
            return new Checkpoint(new CommitPosition(row.getLong("transaction_id"), row.getLong("position")),
                    row.getLong("events_applied"), lastRecordedAt == null ? null : lastRecordedAt.toInstant());
        });
    }

    private void follow() {
        paused = false;
        tail = EventTail.followTypes(vertx, store, checkpoint.position(), settings.batchSize(), settings.pollInterval(),
                settings.minInterval(), Events.typeNames(projection.eventTypes()),
                slice -> paused ? Future.succeededFuture() : applySlice(slice));
    }

    public Projection projection() {
        return projection;
    }

    public int generation() {
        return generation;
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** How far behind the store this runner is: positions not yet applied, and the age of the oldest one. */
    public Future<ProjectionLag> lag() {
        Checkpoint at = checkpoint;
        return store.readAfter(at.position(), 1).compose(next -> store.latestPosition().map(latest -> {
            if (next.isEmpty()) {
                return new ProjectionLag(projection.name(), generation, at.eventsApplied(), 0, Duration.ZERO);
            }
            long behind = Math.max(1, latest.position() - at.position().position());
            Duration age = Duration.between(next.getFirst().recordedAt(), Instant.now());
            return new ProjectionLag(projection.name(), generation, at.eventsApplied(), behind,
                    age.isNegative() ? Duration.ZERO : age);
        }));
    }

    /**
     * Stops following; the future completes when the batch in flight (if any) has committed or failed and the
     * checkpoint is stored. A later {@link #resume()} continues from the checkpoint.
     */
    public Future<Void> pause() {
        // a read already in flight when the tail closes still delivers: the flag drops that batch
        paused = true;
        if (tail != null) {
            tail.close();
            tail = null;
        }
        return inFlight.get().otherwiseEmpty().compose(settled -> {
            Checkpoint at = checkpoint;
            if (at.equals(stored)) {
                return Future.succeededFuture();
            }
            return pool.withTransaction(connection -> writeCheckpoint(connection, at)).onSuccess(written -> {
                stored = at;
                storedAtNanos = System.nanoTime();
            }).onFailure(failure -> LOG.warn("projection {} generation {} could not store its checkpoint {}; a restart "
                    + "reads again what it passed by", projection.name(), generation, at.position(), failure));
        });
    }

    public void resume() {
        if (tail == null) {
            follow();
        }
    }

    /**
     * While paused: applies the events up to and including {@code target}, in batches, and no further.
     * Used to bring a generation to exactly the position of another before comparing them.
     */
    public Future<Void> catchUpTo(CommitPosition target) {
        if (checkpoint.position().compareTo(target) >= 0) {
            return Future.succeededFuture();
        }
        Set<String> types = Events.typeNames(projection.eventTypes());
        return store.readTypesAfter(checkpoint.position(), settings.batchSize(), types).compose(slice -> {
            List<StoredEvent> upToTarget = slice.events().stream()
                    .filter(event -> event.commitPosition().compareTo(target) <= 0).toList();
            CommitPosition through = slice.through().compareTo(target) < 0 ? slice.through() : target;
            if (through.compareTo(checkpoint.position()) <= 0) {
                return Future.succeededFuture();
            }
            return applySlice(new EventSlice(upToTarget, through)).compose(done -> catchUpTo(target));
        });
    }

    /**
     * Applies the slice's events, if any, and moves the checkpoint to its end, in one transaction. A slice with
     * none of the projection's events only moves it in memory, unless the stored one is older than
     * {@link Settings#passByStoreInterval()}.
     */
    private Future<Void> applySlice(EventSlice slice) {
        Checkpoint before = checkpoint;
        List<StoredEvent> events = slice.events();
        Checkpoint after = new Checkpoint(slice.through(), before.eventsApplied() + events.size(),
                events.isEmpty() ? before.lastRecordedAt() : events.getLast().recordedAt());
        long now = System.nanoTime();
        if (events.isEmpty() && now - storedAtNanos < settings.passByStoreInterval().toNanos()) {
            checkpoint = after;
            return Future.succeededFuture();
        }
        Promise<Void> batch = Promise.promise();
        inFlight.set(batch.future());
        pool.withTransaction(connection -> (events.isEmpty() ? Future.<Void>succeededFuture()
                        : projection.apply(connection, generation, events))
                        .compose(applied -> writeCheckpoint(connection, after)))
                .onSuccess(committed -> {
                    checkpoint = after;
                    stored = after;
                    storedAtNanos = now;
                })
                .onFailure(failure -> LOG.warn("projection {} generation {} failed a batch after {}; retrying",
                        projection.name(), generation, before.position(), failure))
                .onComplete(batch);
        return batch.future();
    }

    private Future<Void> writeCheckpoint(SqlConnection connection, Checkpoint at) {
        return connection.preparedQuery(WRITE_CHECKPOINT).execute(Tuple.of(projection.name(), generation,
                        Long.toString(at.position().transactionId()), at.position().position(), at.eventsApplied(),
                        at.lastRecordedAt() == null ? null : at.lastRecordedAt().atOffset(ZoneOffset.UTC)))
                .mapEmpty();
    }
}
