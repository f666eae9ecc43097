package com.consentledger.projections;

import com.consentledger.ledger.eventstore.CommitPosition;
import com.consentledger.ledger.eventstore.EventStore;
import com.consentledger.projections.audit.ObligationsProjection;
import com.consentledger.projections.consent.ConsentHistoryProjection;
import com.consentledger.projections.policy.PolicyCatalogueProjection;
import com.consentledger.projections.rebuild.Digest;
import com.consentledger.projections.rebuild.RebuildReport;
import com.consentledger.projections.runner.Generations;
import com.consentledger.projections.runner.Projection;
import com.consentledger.projections.runner.ProjectionLag;
import com.consentledger.projections.runner.ProjectionRunner;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the read models: one live runner per projection on its active generation, their lag, and
 * rebuilds. A rebuild fills the next generation from position 0 while the live one keeps serving; once it
 * has caught up, both stop at the same position, their digests are compared, and the active generation
 * switches in one transaction. Queries read the active generation in the same snapshot as the rows, so
 * they see the old tables or the new ones, never a half-built one.
 */
public final class ReadModels implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModels.class);
    private static final Duration CATCH_UP_CHECK = Duration.ofMillis(100);

    private final Vertx vertx;
    private final Pool pool;
    private final EventStore store;
    private final ProjectionRunner.Settings settings;
    private final Map<String, ProjectionRunner> live = new ConcurrentHashMap<>();
    private final Map<String, RebuildProgress> rebuilds = new ConcurrentHashMap<>();

    private ReadModels(Vertx vertx, Pool pool, EventStore store, ProjectionRunner.Settings settings) {
        this.vertx = vertx;
        this.pool = pool;
        this.store = store;
        this.settings = settings;
    }

    /** The ledger's read models. */
    public static List<Projection> all() {
        return List.of(new PolicyCatalogueProjection(), new ConsentHistoryProjection(), new ObligationsProjection());
    }

    public static Future<ReadModels> start(Vertx vertx, Pool pool, EventStore store, List<Projection> projections,
                                           ProjectionRunner.Settings settings) {
        ReadModels models = new ReadModels(vertx, pool, store, settings);
        Future<Void> started = Future.succeededFuture();
        for (Projection projection : projections) {
            started = started.compose(previous -> Generations.activate(pool, projection.name())
                    .compose(generation -> ProjectionRunner.start(vertx, pool, store, projection, generation, settings))
                    .map(runner -> {
                        models.live.put(projection.name(), runner);
                        return null;
                    }));
        }
        return started.map(models);
    }

    public List<String> names() {
        return List.copyOf(live.keySet());
    }

    public ProjectionRunner runner(String projection) {
        ProjectionRunner runner = live.get(projection);
        if (runner == null) {
            throw new IllegalArgumentException("no projection named " + projection + "; known: " + live.keySet());
        }
        return runner;
    }

    public Future<List<ProjectionLag>> lag() {
        List<Future<ProjectionLag>> lags = live.values().stream().map(ProjectionRunner::lag).toList();
        return Future.all(lags).map(done -> lags.stream().map(Future::result).toList());
    }

    /** Completes when every projection has applied everything committed before this call. */
    public Future<Void> caughtUp(Duration timeout) {
        return store.latestPosition().compose(target -> waitUntil(() -> live.values().stream()
                .allMatch(runner -> runner.checkpoint().position().compareTo(target) >= 0), timeout));
    }

    public Future<Digest.Result> digest(String projection, int generation) {
        return Digest.of(pool, runner(projection).projection(), generation);
    }

    /** The latest progress of a rebuild of the projection, if one ran since start. */
    public RebuildProgress progress(String projection) {
        return rebuilds.get(projection);
    }

    /** What a rebuild is doing. */
    public record RebuildProgress(String projection, int generation, String stage, long eventsApplied) {
    }

    /**
     * Rebuilds a projection from position 0 into its next generation and switches to it when its digest
     * equals the live generation's at the same position; when they differ, the live generation stays and
     * the report says so (a projection that does not rebuild identically is a bug).
     */
    public Future<RebuildReport> rebuild(String projection) {
        ProjectionRunner current = runner(projection);
        if (rebuilds.containsKey(projection) && !rebuilds.get(projection).stage().equals("done")
                && !rebuilds.get(projection).stage().equals("failed")) {
            return Future.failedFuture(new IllegalStateException("a rebuild of " + projection + " is running"));
        }
        int oldGeneration = current.generation();
        int newGeneration = oldGeneration + 1;
        long started = System.nanoTime();
        progress(projection, newGeneration, "clearing", 0);
        return dropGenerationsOtherThan(current.projection(), oldGeneration)
                .compose(cleared -> ProjectionRunner.start(vertx, pool, store, current.projection(), newGeneration, settings))
                .compose(rebuilt -> waitUntil(() -> {
                            progress(projection, newGeneration, "replaying", rebuilt.checkpoint().eventsApplied());
                            return rebuilt.checkpoint().position().compareTo(current.checkpoint().position()) >= 0;
                        }, Duration.ofDays(1))
                        .compose(caughtUp -> switchOver(current, rebuilt, started)))
                .onFailure(failure -> progress(projection, newGeneration, "failed", 0));
    }

    private Future<RebuildReport> switchOver(ProjectionRunner current, ProjectionRunner rebuilt, long startedNanos) {
        String name = current.projection().name();
        progress(name, rebuilt.generation(), "comparing", rebuilt.checkpoint().eventsApplied());
        return current.pause().compose(paused -> rebuilt.pause())
                .compose(paused -> {
                    CommitPosition target = max(current.checkpoint().position(), rebuilt.checkpoint().position());
                    return current.catchUpTo(target).compose(done -> rebuilt.catchUpTo(target));
                })
                .compose(level -> Digest.of(pool, current.projection(), current.generation())
                        .compose(liveDigest -> Digest.of(pool, rebuilt.projection(), rebuilt.generation())
                                .map(rebuiltDigest -> new RebuildReport(name, current.generation(), rebuilt.generation(),
                                        rebuilt.checkpoint().eventsApplied(),
                                        Duration.ofNanos(System.nanoTime() - startedNanos), liveDigest, rebuiltDigest))))
                .compose(report -> report.identical()
                        ? activate(rebuilt).map(report).onSuccess(done -> retire(current))
                        : abandon(rebuilt).map(report).onComplete(done -> current.resume()))
                .onSuccess(report -> {
                    progress(name, report.identical() ? rebuilt.generation() : current.generation(),
                            report.identical() ? "done" : "failed", report.eventsApplied());
                    LOG.info("rebuild of {}: {}", name, report);
                });
    }

    private Future<Void> activate(ProjectionRunner rebuilt) {
        return pool.withTransaction(connection -> connection
                        .preparedQuery("UPDATE projections.active_generations SET generation = $2 WHERE projection = $1")
                        .execute(Tuple.of(rebuilt.projection().name(), rebuilt.generation())))
                .map(updated -> {
                    live.put(rebuilt.projection().name(), rebuilt);
                    rebuilt.resume();
                    return null;
                });
    }

    private void retire(ProjectionRunner old) {
        dropGeneration(old.projection(), old.generation())
                .onFailure(failure -> LOG.warn("could not drop generation {} of {}; the next rebuild will",
                        old.generation(), old.projection().name(), failure));
    }

    private Future<Void> abandon(ProjectionRunner rebuilt) {
        return dropGeneration(rebuilt.projection(), rebuilt.generation());
    }

    private Future<Void> dropGenerationsOtherThan(Projection projection, int keep) {
        return dropWhere(projection, "generation <> $1", keep);
    }

    private Future<Void> dropGeneration(Projection projection, int generation) {
        return dropWhere(projection, "generation = $1", generation);
    }

    private Future<Void> dropWhere(Projection projection, String condition, int generation) {
        List<String> tables = new ArrayList<>(projection.tables());
        return pool.withTransaction(connection -> {
            Future<Void> dropped = connection.preparedQuery("DELETE FROM projections.checkpoints WHERE projection = $2 AND "
                    + condition).execute(Tuple.of(generation, projection.name())).mapEmpty();
            for (String table : tables) {
                dropped = dropped.compose(previous -> connection.preparedQuery("DELETE FROM " + table + " WHERE " + condition)
                        .execute(Tuple.of(generation)).mapEmpty());
            }
            return dropped;
        });
    }

    private void progress(String projection, int generation, String stage, long eventsApplied) {
        rebuilds.put(projection, new RebuildProgress(projection, generation, stage, eventsApplied));
    }

    private Future<Void> waitUntil(java.util.function.BooleanSupplier condition, Duration timeout) {
        Promise<Void> reached = Promise.promise();
        long deadline = System.nanoTime() + timeout.toNanos();
        vertx.setPeriodic(0, CATCH_UP_CHECK.toMillis(), timer -> {
            if (condition.getAsBoolean()) {
                vertx.cancelTimer(timer);
                reached.tryComplete();
            } else if (System.nanoTime() > deadline) {
                vertx.cancelTimer(timer);
                reached.tryFail("not caught up within " + timeout);
            }
        });
        return reached.future();
    }

    private static CommitPosition max(CommitPosition first, CommitPosition second) {
        return first.compareTo(second) >= 0 ? first : second;
    }

    /** Stops every runner; completes when their batches in flight have committed and their checkpoints are stored. */
    public Future<Void> stop() {
        return Future.all(live.values().stream().map(ProjectionRunner::pause).toList()).mapEmpty();
    }

    @Override
    public void close() {
        stop();
    }
}
