package com.consentledger.ledger.eventstore;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The event store on PostgreSQL through vertx-pg-client: group-committed appends, reads by subject,
 * by criteria and in commit-safe order, and commit notifications across nodes (LISTEN/NOTIFY).
 */
public final class PgEventStore implements EventStore, AutoCloseable {

    /** Channel on which a node tells the others that it committed events. */
    static final String CHANNEL = "ledger_events";

    private static final Logger LOG = LoggerFactory.getLogger(PgEventStore.class);

    /**
     * The one type the tag index (migration V009) and the followers' commit-order index (V010) leave out:
     * access records, blind appends that no condition, sourcing or projection asks for, and the bulk of the ledger.
     */
    static final String ACCESS_RECORD_TYPE = "DataAccessed.v1";

    private static final String COLUMNS = """
            position, transaction_id::text::bigint AS transaction_id, event_id, type, subject, tags,
            payload::text AS payload, metadata::text AS metadata, client_event_id, occurred_at, recorded_at
            """;

    private static final String READ_SUBJECT_SQL = "SELECT " + COLUMNS + """
             FROM ledger.events WHERE subject = $1 AND position <= $2 ORDER BY position""";

    private static final String READ_SUBJECT_RECORDED_BY_SQL = "SELECT " + COLUMNS + """
             FROM ledger.events WHERE subject = $1 AND recorded_at <= $2 ORDER BY position""";

    /*
     * pg_snapshot_xmin(pg_current_snapshot()) is the oldest transaction still running: every
     * transaction below it has ended, so no event can ever appear below what this query returns.
     */
    // ORDER BY names the table's columns (events.x): a bare name would pick the output column of the same
    // name, the bigint cast, which no index covers, and sort the whole table on every read.
    static final String READ_AFTER_SQL = "SELECT " + COLUMNS + """
             FROM ledger.events
             WHERE (events.transaction_id, events.position) > ($1::text::xid8, $2)
               AND events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
             ORDER BY events.transaction_id, events.position
             LIMIT $3""";

    static final String LATEST_POSITION_SQL = """
            SELECT transaction_id::text::bigint AS transaction_id, position FROM ledger.events
            WHERE events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY events.transaction_id DESC, events.position DESC LIMIT 1""";

    /*
     * One statement, so one snapshot for both parts: the horizon (the last event a reader may see,
     * LATEST_POSITION_SQL) and up to $3 events of the types $4 after ($1, $2). When fewer than $3 come back,
     * the read has passed every event up to the horizon. The horizon row comes even when no event does.
     */
    private static final String READ_TYPES_AFTER_SQL = "WITH horizon AS (" + LATEST_POSITION_SQL + ")" + """

            SELECT horizon.transaction_id AS through_transaction_id, horizon.position AS through_position, found.*
            FROM horizon LEFT JOIN LATERAL (
                SELECT events.transaction_id AS commit_transaction, %s
                FROM ledger.events
                WHERE (events.transaction_id, events.position) > ($1::text::xid8, $2)
                  AND events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                  AND events.type = ANY($4)%s
                ORDER BY events.transaction_id, events.position
                LIMIT $3) found ON true
            ORDER BY found.commit_transaction, found.position""";

    /** For types without access records: the literal predicate lets the read walk the index without them (V010). */
    static final String READ_TYPES_AFTER_WITHOUT_ACCESSES_SQL = READ_TYPES_AFTER_SQL.formatted(COLUMNS,
            "\n      AND events.type <> '" + ACCESS_RECORD_TYPE + "'");

    static final String READ_TYPES_AFTER_WITH_ACCESSES_SQL = READ_TYPES_AFTER_SQL.formatted(COLUMNS, "");

    static final String POSITIONS_OF_SQL = "SELECT event_id, position FROM ledger.events WHERE event_id = ANY($1)";

    /* A token needs no event at its exact place: (xid, position - 1) sorts just before that event. */
    static final String POSITION_AT_SQL = """
            SELECT transaction_id::text::bigint AS transaction_id, position - 1 AS position FROM ledger.events
            WHERE events.recorded_at >= $1 ORDER BY events.recorded_at, events.position LIMIT 1""";

    private final Pool pool;
    private final GroupCommitter committer;
    private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();
    /** Sourcing statements by which of their criteria admit access records. */
    private final ConcurrentHashMap<List<Boolean>, String> sourceSqlByShape = new ConcurrentHashMap<>();
    private final AtomicBoolean notifyInFlight = new AtomicBoolean();
    private final AtomicBoolean notifyAgain = new AtomicBoolean();
    private final PgSubscriber subscriber;
    /** Sent with every NOTIFY so this node can ignore its own: its listeners already woke on the commit. */
    private final String nodeId = UUID.randomUUID().toString();
    private final Vertx vertx;
    /** The verticle whose context runs the group commit, when it has one of its own; undeployed on close. */
    private final String committerDeployment;

    /** The least time between two NOTIFYs: other nodes need a prompt hint, not one per group commit. */
    static final Duration NOTIFY_INTERVAL = Duration.ofMillis(10);

    private PgEventStore(Vertx vertx, Context committerContext, String committerDeployment, Pool pool, Pool appendPool,
                         PgConnectOptions listenOptions, GroupCommitSettings settings) {
        this.vertx = vertx;
        this.committerDeployment = committerDeployment;
        this.pool = pool;
        this.committer = new GroupCommitter(committerContext, appendPool, settings, this::committed);
        this.subscriber = listenOptions == null ? null : PgSubscriber.subscriber(vertx, listenOptions)
                .reconnectPolicy(retries -> 1_000L);
    }

    /**
     * @param listenOptions where to LISTEN for other nodes' commits, or {@code null} for none (tests,
     *                      benchmarks); callers still poll, so this only shortens the wake-up
     */
    public static Future<PgEventStore> start(Vertx vertx, Pool pool, PgConnectOptions listenOptions,
                                             GroupCommitSettings settings) {
        return started(new PgEventStore(vertx, vertx.getOrCreateContext(), null, pool, pool, listenOptions, settings));
    }

    /**
     * As above, with the group commit on an event loop of its own and its appends on {@code appendPool}, which
     * nothing else borrows from. Vert.x serves a pooled connection on the event loop of the context that opened
     * it, and only the committer opens these: a batch is built, written and read back on one loop that neither
     * HTTP requests nor the read models share. From the shared pool, a batch could get a connection opened by an
     * HTTP request and wait behind that loop's requests: at the rush's peak the commits fell to a few a second
     * of hundreds of accesses each. (On the read models' loop instead, every batch's encoding sat behind their
     * work: wrk's p99 at 64 connections tripled. docs/benchmarks.md.) The caller owns {@code appendPool} and
     * closes it after this store.
     */
    public static Future<PgEventStore> start(Vertx vertx, Pool pool, Pool appendPool, PgConnectOptions listenOptions,
                                             GroupCommitSettings settings) {
        Promise<Context> own = Promise.promise();
        return vertx.deployVerticle(new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        own.complete(context);
                        return Future.succeededFuture();
                    }
                }).compose(deployment -> own.future().compose(context -> started(
                        new PgEventStore(vertx, context, deployment, pool, appendPool, listenOptions, settings))));
    }

    private static Future<PgEventStore> started(PgEventStore store) {
        if (store.subscriber == null) {
            return Future.succeededFuture(store);
        }
        store.subscriber.channel(CHANNEL).handler(sender -> {
            if (!store.nodeId.equals(sender)) {
                store.notifyListeners();
            }
        });
        return store.subscriber.connect().map(store);
    }

    @Override
    public Future<AppendResult> append(List<NewEvent> events, AppendCondition condition) {
        if (events.isEmpty()) {
            return Future.failedFuture(new IllegalArgumentException("nothing to append"));
        }
        return committer.append(events, condition);
    }

    @Override
    public Future<SourcedEvents> source(List<Criterion> criteria) {
        if (criteria.isEmpty()) {
            return Future.failedFuture(new IllegalArgumentException("sourcing needs at least one criterion"));
        }
        List<Boolean> admitAccesses = criteria.stream().map(criterion -> criterion.admits(ACCESS_RECORD_TYPE)).toList();
        String sql = sourceSqlByShape.computeIfAbsent(admitAccesses, shape -> {
            if (shape.contains(true)) {
                LOG.warn("sourcing by criteria that admit {} ({}): they are out of the tag index and are scanned;"
                        + " name the types you need", ACCESS_RECORD_TYPE, criteria);
            }
            return sourceSql(shape);
        });
        List<Object> parameters = new ArrayList<>();
        for (Criterion criterion : criteria) {
            parameters.add(criterion.tags().toArray(String[]::new));
            parameters.add(criterion.types().toArray(String[]::new));
        }
        return pool.preparedQuery(sql).execute(Tuple.tuple(parameters)).map(rows -> {
            List<StoredEvent> events = new ArrayList<>();
            String snapshot = null;
            for (Row row : rows) {
                snapshot = row.getString("snapshot");
                if (row.getLong("position") != null) {
                    events.add(toEvent(row));
                }
            }
            long maxPosition = events.isEmpty() ? 0 : events.getLast().position();
            return new SourcedEvents(events, new ConsistencyMarker(snapshot, maxPosition));
        });
    }

    /*
     * One statement, so the snapshot returned is the one the events were read with. The LEFT JOIN keeps
     * the snapshot row when no event matches. A criterion that does not admit access records says so with
     * a literal predicate: only then can the plan use the tag index, which leaves them out (V009).
     */
    static String sourceSql(List<Boolean> admitAccesses) {
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < admitAccesses.size(); i++) {
            int tags = 2 * i + 1;
            int types = tags + 1;
            where.append(i == 0 ? "" : " OR ")
                    .append("(tags @> $").append(tags).append("::text[]")
                    .append(admitAccesses.get(i) ? "" : " AND type <> '" + ACCESS_RECORD_TYPE + "'")
                    .append(" AND (cardinality($").append(types)
                    .append("::text[]) = 0 OR type = ANY($").append(types).append("::text[])")
                    .append(" OR split_part(type, '.', 1) = ANY($").append(types).append("::text[])))");
        }
        return "SELECT snap.snapshot, e.* FROM (SELECT pg_current_snapshot()::text AS snapshot) AS snap"
                + " LEFT JOIN LATERAL (SELECT " + COLUMNS + " FROM ledger.events WHERE " + where
                + ") AS e ON true ORDER BY e.position";
    }

    @Override
    public Future<List<StoredEvent>> readSubject(String subject, long maxPosition) {
        return pool.preparedQuery(READ_SUBJECT_SQL).execute(Tuple.of(subject, maxPosition)).map(PgEventStore::toEvents);
    }

    @Override
    public Future<List<StoredEvent>> readSubjectRecordedBy(String subject, Instant recordedAtOrBefore) {
        return pool.preparedQuery(READ_SUBJECT_RECORDED_BY_SQL)
                .execute(Tuple.of(subject, recordedAtOrBefore.atOffset(ZoneOffset.UTC)))
                .map(PgEventStore::toEvents);
    }

    @Override
    public Future<List<StoredEvent>> readAfter(CommitPosition after, int limit) {
        return pool.preparedQuery(READ_AFTER_SQL)
                .execute(Tuple.of(Long.toString(after.transactionId()), after.position(), limit))
                .map(PgEventStore::toEvents);
    }

    @Override
    public Future<EventSlice> readTypesAfter(CommitPosition after, int limit, Set<String> types) {
        String sql = types.contains(ACCESS_RECORD_TYPE) ? READ_TYPES_AFTER_WITH_ACCESSES_SQL : READ_TYPES_AFTER_WITHOUT_ACCESSES_SQL;
        return pool.preparedQuery(sql)
                .execute(Tuple.of(Long.toString(after.transactionId()), after.position(), limit,
                        types.toArray(String[]::new)))
                .map(rows -> toSlice(rows, after, limit));
    }

    private static EventSlice toSlice(RowSet<Row> rows, CommitPosition after, int limit) {
        List<StoredEvent> events = new ArrayList<>(rows.size());
        CommitPosition horizon = after;
        for (Row row : rows) {
            horizon = new CommitPosition(row.getLong("through_transaction_id"), row.getLong("through_position"));
            if (row.getLong("position") != null) {
                events.add(toEvent(row));
            }
        }
        if (events.size() == limit) {
            return new EventSlice(events, events.getLast().commitPosition());
        }
        // the horizon never moves back, but a reader's own position must not either
        return new EventSlice(events, horizon.compareTo(after) > 0 ? horizon : after);
    }

    @Override
    public Future<Map<UUID, Long>> positionsOf(List<UUID> eventIds) {
        return pool.preparedQuery(POSITIONS_OF_SQL).execute(Tuple.of(eventIds.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, Long> positions = new HashMap<>();
            rows.forEach(row -> positions.put(row.getUUID("event_id"), row.getLong("position")));
            return positions;
        });
    }

    @Override
    public Future<CommitPosition> positionAt(Instant instant) {
        return pool.preparedQuery(POSITION_AT_SQL).execute(Tuple.of(instant.atOffset(ZoneOffset.UTC)))
                .compose(rows -> {
                    CommitPosition position = toPosition(rows);
                    return position != null ? Future.succeededFuture(position) : latestPosition();
                });
    }

    @Override
    public Future<CommitPosition> latestPosition() {
        return pool.preparedQuery(LATEST_POSITION_SQL).execute().map(rows -> {
            CommitPosition position = toPosition(rows);
            return position == null ? CommitPosition.START : position;
        });
    }

    private static CommitPosition toPosition(RowSet<Row> rows) {
        for (Row row : rows) {
            return new CommitPosition(row.getLong("transaction_id"), row.getLong("position"));
        }
        return null;
    }

    @Override
    public Runnable onCommit(Runnable listener) {
        commitListeners.add(listener);
        return () -> commitListeners.remove(listener);
    }

    @Override
    public GroupCommitStats stats() {
        return committer.stats();
    }

    private void committed() {
        notifyListeners();
        if (subscriber != null) {
            notifyOtherNodes();
        }
    }

    private void notifyListeners() {
        for (Runnable listener : commitListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("commit listener failed", e);
            }
        }
    }

    /*
     * Outside the append transaction on purpose: NOTIFY serialises committing transactions on a global
     * lock, which would undo group commit. At most one NOTIFY is in flight; commits during it cause one more,
     * sent {@link #NOTIFY_INTERVAL} after the previous one (each NOTIFY also wakes every listening node).
     */
    private void notifyOtherNodes() {
        if (!notifyInFlight.compareAndSet(false, true)) {
            notifyAgain.set(true);
            return;
        }
        pool.query("NOTIFY " + CHANNEL + ", '" + nodeId + "'").execute().onComplete(result -> {
            if (result.failed()) {
                LOG.debug("NOTIFY failed; other nodes will poll", result.cause());
            }
            vertx.setTimer(NOTIFY_INTERVAL.toMillis(), ignored -> {
                notifyInFlight.set(false);
                if (notifyAgain.getAndSet(false)) {
                    notifyOtherNodes();
                }
            });
        });
    }

    private static List<StoredEvent> toEvents(RowSet<Row> rows) {
        List<StoredEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            events.add(toEvent(row));
        }
        return events;
    }

    private static StoredEvent toEvent(Row row) {
        return new StoredEvent(
                row.getLong("position"),
                row.getLong("transaction_id"),
                row.getUUID("event_id"),
                row.getString("type"),
                row.getString("subject"),
                Set.of(row.getArrayOfStrings("tags")),
                row.getString("payload"),
                row.getString("metadata"),
                row.getString("client_event_id"),
                row.getOffsetDateTime("occurred_at").toInstant(),
                row.getOffsetDateTime("recorded_at").toInstant());
    }

    /** Completes when every append submitted so far has committed or failed: call before closing the pool. */
    public Future<Void> drain() {
        return committer.drained();
    }

    @Override
    public void close() {
        committer.close();
        if (subscriber != null) {
            subscriber.close();
        }
        if (committerDeployment != null) {
            vertx.undeploy(committerDeployment);
        }
    }
}
