package com.consentledger.ledger.benchmark;

import com.consentledger.ledger.application.InMemoryConsentStateView;
import com.consentledger.ledger.application.ConsentLedger;
import com.consentledger.ledger.calendar.CalendarFile;
import com.consentledger.ledger.access.DecideAccess;
import com.consentledger.ledger.database.DatabaseSettings;
import com.consentledger.ledger.database.LedgerDatabase;
import com.consentledger.ledger.demo.DemoEmployees;
import com.consentledger.ledger.demo.DemoPolicy;
import com.consentledger.ledger.demo.DemoSeeder;
import com.consentledger.ledger.eventstore.GroupCommitSettings;
import com.consentledger.ledger.eventstore.PgEventStore;
import com.consentledger.ledger.testing.ScratchDirectory;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.consentledger.ledger.testing.TestPostgres.await;

/**
 * Decisions per second through the application service (Axon sourcing, conditional append, position look-up)
 * on the embedded PostgreSQL: seeding demo employees, then access decisions through Axon. See docs/benchmarks.md.
 * <p>
 * Arguments: employees (default 3000), access decisions (default 20000), outstanding accesses (default 64).
 */
public final class DecisionBenchmark {

    public static void main(String[] args) throws Exception {
        int employees = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int accesses = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        try (ScratchDirectory dataDir = ScratchDirectory.underTarget("bench-postgres");
             LedgerDatabase database = LedgerDatabase.open(DatabaseSettings.embedded(dataDir.path()))) {
            Vertx vertx = Vertx.vertx();
            Pool pool = database.createPool(vertx, 8, 100_000);
            PgEventStore store = await(PgEventStore.start(vertx, pool, null, GroupCommitSettings.DEFAULT));
            try (ConsentLedger ledger = ConsentLedger.start(vertx, store, Clock.systemUTC(), UUID::randomUUID,
                    CalendarFile.bundledSample(), new InMemoryConsentStateView())) {
                List<DemoEmployees.DemoEmployee> generated = DemoSeeder.employees(employees, Instant.now());
                long started = System.nanoTime();
                int decisions = DemoSeeder.seed(ledger, generated).get(30, TimeUnit.MINUTES);
                report("consent decisions (seeding, 64 employees at once)", decisions, started);
                System.out.println("  " + store.stats());

                AtomicInteger next = new AtomicInteger();
                started = System.nanoTime();
                CompletableFuture<?>[] workers = new CompletableFuture<?>[concurrency];
                for (int worker = 0; worker < concurrency; worker++) {
                    workers[worker] = accessLoop(ledger, next, accesses, employees);
                }
                CompletableFuture.allOf(workers).get(30, TimeUnit.MINUTES);
                report("access decisions on the in-memory view, recorded (" + concurrency + " outstanding)", accesses, started);
                System.out.println("  " + store.stats());
            }
            await(vertx.close());
        }
    }

    private static CompletableFuture<Void> accessLoop(ConsentLedger ledger, AtomicInteger next, int accesses, int employees) {
        int index = next.getAndIncrement();
        if (index >= accesses) {
            return CompletableFuture.completedFuture(null);
        }
        DecideAccess access = new DecideAccess(DemoEmployees.subjectId(index % employees), DemoPolicy.POLICY_ID,
                "location-clock-in", List.of("precise-location"), "attendance", null);
        return ledger.recordAccess(access, null).thenCompose(done -> accessLoop(ledger, next, accesses, employees));
    }

    private static void report(String what, int count, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        System.out.printf("%-60s %,8d in %6.2f s: %,8.0f/s%n", what, count, seconds, count / seconds);
    }
}
