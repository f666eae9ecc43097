package com.consentledger.projections.benchmark;

import com.consentledger.ledger.consent.PurposeStatus;
import com.consentledger.ledger.database.DatabaseSettings;
import com.consentledger.ledger.database.LedgerDatabase;
import com.consentledger.ledger.demo.DemoEmployees;
import com.consentledger.ledger.demo.DemoPolicy;
import com.consentledger.ledger.events.AccessBasis;
import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.ConsentWithdrawn;
import com.consentledger.ledger.events.DataAccessed;
import com.consentledger.ledger.events.EventCatalogue;
import com.consentledger.ledger.events.LedgerEvent;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.events.Verdict;
import com.consentledger.ledger.eventstore.AppendCondition;
import com.consentledger.ledger.eventstore.GroupCommitSettings;
import com.consentledger.ledger.eventstore.NewEvent;
import com.consentledger.ledger.eventstore.PgEventStore;
import com.consentledger.ledger.policy.PolicyDecisions;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.projections.ReadModels;
import com.consentledger.projections.consent.ConsentQueries;
import com.consentledger.projections.rebuild.RebuildReport;
import com.consentledger.projections.runner.ProjectionRunner;
import com.consentledger.ledger.testing.ScratchDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;


/**
 * Rebuild rate and point-in-time query latency on a fresh embedded PostgreSQL (durable commits): stores
 * {@code events} events for {@code subjects} subjects (consent changes and access records, occurredAt spread
 * over 60 days), projects them, rebuilds each projection, then asks {@code queries} asOf questions.
 * See docs/benchmarks.md. Arguments: subjects (100000), events (1000000), queries (20000).
 */
public final class ProjectionBenchmark {

    private static final int EVENTS_PER_APPEND = 250;

    public static void main(String[] args) throws Exception {
        int subjects = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        try (ScratchDirectory dataDir = ScratchDirectory.underTarget("bench-postgres");
             LedgerDatabase database = LedgerDatabase.open(DatabaseSettings.embedded(dataDir.path()))) {
            Vertx vertx = Vertx.vertx();
            try {
                run(vertx, database, subjects, events, queries);
            } finally {
                await(vertx.close());
            }
        }
    }

    private static void run(Vertx vertx, LedgerDatabase database, int subjects, int events, int queries) {
        {
            Pool pool = database.createPool(vertx, 8, 100_000);
            PgEventStore store = await(PgEventStore.start(vertx, pool, null, GroupCommitSettings.DEFAULT));
            Instant now = Instant.now();

            long started = System.nanoTime();
            store(store, subjects, events, now);
            report("stored " + events + " events", events, started);

            started = System.nanoTime();
            ReadModels models = await(ReadModels.start(vertx, pool, store, ReadModels.all(),
                    new ProjectionRunner.Settings(5_000, Duration.ofMillis(500))));
            await(models.caughtUp(Duration.ofHours(2)));
            report("first projection, " + models.names().size() + " projections side by side (events each)", events, started);

            for (String name : models.names()) {
                RebuildReport rebuilt = await(models.rebuild(name));
                System.out.printf("rebuild %-18s %,9d events in %6.1f s: %,8.0f events/s, identical=%s, rows=%,d%n",
                        name, rebuilt.eventsApplied(), rebuilt.took().toMillis() / 1000.0, rebuilt.eventsPerSecond(),
                        rebuilt.identical(), rebuilt.rebuiltDigest().rows());
            }

            ConsentQueries asOf = new ConsentQueries(pool);
            SplittableRandom random = new SplittableRandom(7);
            for (int warmUp = 0; warmUp < 2_000; warmUp++) {
                await(ask(asOf, random, subjects, now));
            }
            long[] nanos = new long[queries];
            for (int query = 0; query < queries; query++) {
                long start = System.nanoTime();
                await(ask(asOf, random, subjects, now));
                nanos[query] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf("asOf query, one at a time, %,d queries: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", queries,
                    nanos[queries / 2] / 1e6, nanos[(int) (queries * 0.99)] / 1e6, nanos[queries - 1] / 1e6);
            started = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            List<Future<Void>> workers = new ArrayList<>();
            for (int worker = 0; worker < 32; worker++) {
                workers.add(askLoop(asOf, new SplittableRandom(worker), subjects, now, next, queries));
            }
            await(Future.all(workers));
            report("asOf queries, 32 outstanding", queries, started);
            models.close();
        }
    }

    private static Future<List<PurposeStatus>> ask(ConsentQueries queries, SplittableRandom random, int subjects, Instant now) {
        Instant asOfInstant = now.minus(Duration.ofMinutes(random.nextLong(Duration.ofDays(60).toMinutes())));
        return queries.statesAt(DemoEmployees.subjectId(random.nextInt(subjects)), DemoPolicy.POLICY_ID, asOfInstant, now);
    }

    private static Future<Void> askLoop(ConsentQueries queries, SplittableRandom random, int subjects, Instant now,
                                        AtomicInteger next, int total) {
        if (next.getAndIncrement() >= total) {
            return Future.succeededFuture();
        }
        return ask(queries, random, subjects, now).compose(answer -> askLoop(queries, random, subjects, now, next, total));
    }

    /** A policy version, then per subject a few consent changes and the rest access records, appended blind. */
    private static void store(PgEventStore store, int subjects, int events, Instant now) {
        PolicyVersionPublished policy = PolicyDecisions.publish(DemoPolicy.firstVersion(),
                PolicyHistory.empty(DemoPolicy.POLICY_ID), now);
        SplittableRandom random = new SplittableRandom(2020);
        List<Future<?>> appends = new ArrayList<>();
        List<NewEvent> batch = new ArrayList<>();
        batch.add(encode(policy));
        int stored = 1;
        int subject = 0;
        while (stored < events) {
            String subjectId = DemoEmployees.subjectId(subject++ % subjects);
            for (LedgerEvent event : eventsOf(subjectId, random, now)) {
                batch.add(encode(event));
                stored++;
                if (batch.size() == EVENTS_PER_APPEND || stored == events) {
                    appends.add(store.append(List.copyOf(batch), AppendCondition.none()));
                    batch.clear();
                    if (appends.size() == 64) {
                        await(Future.all(List.copyOf(appends)));
                        appends.clear();
                    }
                }
                if (stored == events) {
                    break;
                }
            }
        }
        if (!batch.isEmpty()) {
            appends.add(store.append(List.copyOf(batch), AppendCondition.none()));
        }
        await(Future.all(appends));
    }

    private static List<LedgerEvent> eventsOf(String subject, SplittableRandom random, Instant now) {
        List<LedgerEvent> events = new ArrayList<>();
        Instant grantedAt = now.minus(Duration.ofMinutes(random.nextLong(Duration.ofDays(60).toMinutes())));
        if (random.nextDouble() < 0.92) {
            events.add(new ConsentGranted(subject, UUID.randomUUID().toString(), "location-clock-in", DemoPolicy.POLICY_ID,
                    DemoPolicy.FIRST_VERSION, List.of("amap-sdk"), "android-app", null, false, grantedAt));
        }
        if (random.nextDouble() < 0.75) {
            events.add(new ConsentGranted(subject, UUID.randomUUID().toString(), "push-notifications", DemoPolicy.POLICY_ID,
                    DemoPolicy.FIRST_VERSION, List.of("xiaomi-push-sdk", "huawei-push-sdk"), "android-app", null, false,
                    grantedAt.plusSeconds(5)));
        }
        if (random.nextDouble() < 0.10) {
            events.add(new ConsentWithdrawn(subject, "location-clock-in", null, "android-app",
                    grantedAt.plus(Duration.ofDays(random.nextInt(1, 10)))));
        }
        for (int access = 0; access < 8; access++) {
            events.add(new DataAccessed(subject, UUID.randomUUID().toString(), "location-clock-in",
                    List.of("precise-location"), "attendance", Verdict.ALLOWED, AccessBasis.lawful("consent"),
                    "consent-in-force", DemoPolicy.FIRST_VERSION, grantedAt.plus(Duration.ofHours(access + 1))));
        }
        return events;
    }

    /** Phases take minutes at this size: longer than the tests' await allows. */
    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(2, java.util.concurrent.TimeUnit.HOURS);
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static NewEvent encode(LedgerEvent event) {
        return EventCatalogue.LEDGER.encode(event, UUID.randomUUID(), null, "{}");
    }

    private static void report(String what, long count, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        System.out.printf("%-62s %,9d in %6.1f s: %,9.0f/s%n", what, count, seconds, count / seconds);
    }
}
