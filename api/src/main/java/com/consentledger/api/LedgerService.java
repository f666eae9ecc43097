package com.consentledger.api;

import com.consentledger.api.access.AccessHandlers;
import com.consentledger.api.auth.VerifiedTokens;
import com.consentledger.api.consent.ConsentHandlers;
import com.consentledger.api.http.ApiRouter;
import com.consentledger.api.http.HttpServers;
import com.consentledger.api.http.Idempotency;
import com.consentledger.api.http.PolicyChoice;
import java.time.Duration;
import com.consentledger.api.operations.LedgerMetrics;
import io.vertx.micrometer.PrometheusScrapingHandler;
import com.consentledger.api.audit.AuditHandlers;
import com.consentledger.api.audit.ExportHandler;
import com.consentledger.api.policy.PolicyHandlers;
import com.consentledger.api.subject.SubjectHandlers;
import com.consentledger.projections.access.AccessLogQueries;
import com.consentledger.projections.audit.ObligationQueries;
import com.consentledger.ledger.application.ConsentLedger;
import com.consentledger.projections.consent.ConsentQueries;
import io.vertx.core.Handler;
import java.util.List;
import java.util.Map;
import com.consentledger.ledger.database.LedgerDatabase;
import com.consentledger.ledger.database.LedgerDatabase.StatementPlans;
import com.consentledger.ledger.eventstore.CommitPosition;
import com.consentledger.projections.ReadModels;
import com.consentledger.projections.consent.ConsentStateFeed;
import com.consentledger.ledger.application.InMemoryConsentStateView;
import com.consentledger.projections.runner.ProjectionRunner;
import com.consentledger.ledger.eventstore.GroupCommitSettings;
import com.consentledger.ledger.eventstore.PgEventStore;
import com.consentledger.ledger.eventstore.TimeOrderedIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The running service: database, event store and HTTP server, started and stopped together. */
public final class LedgerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerService.class);

    private final LedgerDatabase database;
    private final Vertx vertx;
    private final Pool pool;
    /** The event store's own (its reads, its group commit): closed after it. */
    private final List<Pool> storePools;
    private final PgEventStore store;
    private final ConsentLedger ledger;
    private final ReadModels readModels;
    private final InMemoryConsentStateView consentView;
    private final ConsentStateFeed consentFeed;
    private final LedgerMetrics metrics;
    private final Api api;
    private final HttpServers servers;

    /** The HTTP API as built: its routes and the operations that have a handler. */
    private record Api(Router router, java.util.Set<String> implemented) {
    }

    /** How long a stop waits for requests in flight. */
    static final Duration DRAIN = Duration.ofSeconds(10);

    /** How far behind the read models may be while the service still calls itself ready. */
    static final Duration READY_LAG = Duration.ofSeconds(30);

    private LedgerService(LedgerDatabase database, Vertx vertx, Pool pool, List<Pool> storePools, PgEventStore store,
                          ConsentLedger ledger,
                          ReadModels readModels, InMemoryConsentStateView consentView, ConsentStateFeed consentFeed,
                          LedgerMetrics metrics, Api api, HttpServers servers) {
        this.database = database;
        this.vertx = vertx;
        this.pool = pool;
        this.storePools = storePools;
        this.store = store;
        this.ledger = ledger;
        this.readModels = readModels;
        this.consentView = consentView;
        this.consentFeed = consentFeed;
        this.metrics = metrics;
        this.api = api;
        this.servers = servers;
    }

    /** Blocking: call from the main thread, never from an event loop. */
    public static LedgerService start(Main.ServiceSettings settings) {
        LedgerDatabase database = LedgerDatabase.open(settings.database());
        try {
            return start(settings, database);
        } catch (RuntimeException failed) {
            // the embedded database stops with its owner only: a failed start (the HTTP port taken) stops it here,
            // or it would outlive this process
            database.close();
            throw failed;
        }
    }

    private static LedgerService start(Main.ServiceSettings settings, LedgerDatabase database) {
        LedgerMetrics metrics = new LedgerMetrics();
        Vertx vertx = metrics.vertx();
        Pool pool = database.createPool(vertx, "shared", 8, 10_000, StatementPlans.PER_CALL_WHEN_CHEAPER);
        // the event store's reads and appends pick the same index whatever their values: planned once, not per call
        Pool storePool = database.createPool(vertx, "store", 4, 10_000, StatementPlans.GENERIC);
        // the group commit's own: one batch in flight, a second beside it once 16 requests wait (GroupCommitSettings)
        Pool appendPool = database.createPool(vertx, "appends", 2, 10_000, StatementPlans.GENERIC);
        PgEventStore store = block(PgEventStore.start(vertx, storePool, appendPool, database.appConnectOptions(),
                GroupCommitSettings.DEFAULT));
        // the access path's view: this node's commits at once (the ledger feeds it), everything else from the stream
        InMemoryConsentStateView consentView = new InMemoryConsentStateView();
        Clock clock = Clock.systemUTC();
        ConsentLedger ledger = ConsentLedger.start(vertx, store, clock, new TimeOrderedIds(clock), settings.calendar(),
                consentView);
        ReadModels readModels = block(ReadModels.start(vertx, pool, store, ReadModels.all(), ProjectionRunner.Settings.DEFAULT));
        ConsentStateFeed consentFeed = ConsentStateFeed.follow(vertx, store, consentView, CommitPosition.START);
        metrics.bind(vertx, store, readModels, consentView);
        PolicyChoice policies = new PolicyChoice(consentView);
        Map<String, Handler<RoutingContext>> operational = Map.of(
                "live", context -> status(context, 200, "UP"),
                "ready", context -> ready(pool, readModels).onComplete(ready -> status(context,
                        ready.succeeded() ? 200 : 503, ready.succeeded() ? "UP" : "DOWN")),
                "metrics", PrometheusScrapingHandler.create(metrics.registry()));
        Idempotency idempotency = new Idempotency(pool);
        vertx.setPeriodic(Duration.ofHours(1).toMillis(), tick -> idempotency.expire());
        ApiRouter.Operations operations = ApiRouter.operations(operational,
                new PolicyHandlers(ledger).handlers(),
                new ConsentHandlers(ledger, new ConsentQueries(pool), store, policies).handlers(),
                new AccessHandlers(ledger, policies).handlers(),
                new SubjectHandlers(ledger).handlers(),
                new AuditHandlers(new AccessLogQueries(pool), new ObligationQueries(pool)).handlers(),
                new ExportHandler(new ConsentQueries(pool), policies).handlers());
        Router router = block(ApiRouter.create(vertx,
                new VerifiedTokens(settings.jwt().auth(vertx), clock), idempotency, operations));
        HttpServers servers = block(HttpServers.listen(vertx, router, settings.httpPort(), settings.httpEventLoops()));
        LOG.info("Consent Ledger listening on http://127.0.0.1:{} ({} event loops, {} transport; health: /health/ready) with {}",
                servers.port(), servers.count(), vertx.isNativeTransportEnabled() ? "native" : "NIO", database.describe());
        return new LedgerService(database, vertx, pool, List.of(storePool, appendPool), store, ledger, readModels,
                consentView, consentFeed, metrics, new Api(router, operations.handlers().keySet()), servers);
    }

    /** Ready when the database answers and no projection is more than {@link #READY_LAG} behind. */
    private static Future<Void> ready(Pool pool, ReadModels readModels) {
        return pool.query("SELECT 1").execute().compose(reachable -> readModels.lag()).compose(lags -> lags.stream()
                .allMatch(lag -> lag.oldestUnapplied().compareTo(READY_LAG) <= 0)
                ? Future.succeededFuture()
                : Future.failedFuture("projections behind by more than " + READY_LAG));
    }

    public int port() {
        return servers.port();
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The event store, for tests that count what was appended. */
    public PgEventStore store() {
        return store;
    }

    /** The routes served, for the contract test. */
    public Router router() {
        return api.router();
    }

    /** The operations this build implements, by operation id. */
    public java.util.Set<String> implementedOperations() {
        return api.implemented();
    }

    /** The consent domain's application service, for the HTTP handlers and demo seeding. */
    public ConsentLedger ledger() {
        return ledger;
    }

    /** The read models (point-in-time queries, access log, obligations, rebuild). */
    public ReadModels readModels() {
        return readModels;
    }

    /** The in-memory consent state the access path will decide on. */
    public InMemoryConsentStateView consentView() {
        return consentView;
    }

    private static void status(RoutingContext context, int code, String status) {
        context.response().setStatusCode(code).putHeader("content-type", "application/json")
                .end(new JsonObject().put("status", status).encode());
    }

    @Override
    /**
     * Stops gracefully: no new connections, requests in flight answered (up to {@link #DRAIN}), appends still
     * queued for group commit written, then everything else closed, the database last.
     */
    public void close() {
        LOG.info("Consent Ledger stopping");
        try {
            block(servers.shutdown(DRAIN));
            block(store.drain());
            consentFeed.close();
            metrics.close();
            block(readModels.stop().otherwiseEmpty()); // a checkpoint not stored is read again: harmless
            ledger.close();
            store.close();
            storePools.forEach(storePool -> block(storePool.close()));
            block(pool.close());
            block(vertx.close());
        } finally {
            database.close();
        }
    }

    private static <T> T block(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
