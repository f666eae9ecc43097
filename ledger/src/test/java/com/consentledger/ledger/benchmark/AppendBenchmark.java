package com.consentledger.ledger.benchmark;

import com.consentledger.ledger.database.DatabaseSettings;
import com.consentledger.ledger.database.LedgerDatabase;
import com.consentledger.ledger.eventstore.AppendCondition;
import com.consentledger.ledger.eventstore.GroupCommitSettings;
import com.consentledger.ledger.eventstore.GroupCommitStats;
import com.consentledger.ledger.eventstore.PgEventStore;
import com.consentledger.ledger.testing.ScratchDirectory;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static com.consentledger.ledger.testing.StoreFixture.event;
import static com.consentledger.ledger.testing.TestPostgres.await;

/**
 * Appends per second on the embedded PostgreSQL (fsync and synchronous_commit on), in one run:
 * one event per transaction, group-committed appends, and pgbench single-row insert transactions
 * against the same server as the reference. See docs/benchmarks.md.
 * <p>
 * Arguments: seconds per phase (default 10), outstanding appends (default 64).
 */
public final class AppendBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        try (ScratchDirectory dataDir = ScratchDirectory.underTarget("bench-postgres");
             LedgerDatabase database = LedgerDatabase.open(DatabaseSettings.embedded(dataDir.path()))) {
            Vertx vertx = Vertx.vertx();
            Pool pool = database.createPool(vertx, 8, 100_000);
            Result single = run(vertx, pool, GroupCommitSettings.SINGLE, seconds, concurrency);
            Result grouped = run(vertx, pool, GroupCommitSettings.DEFAULT, seconds, concurrency);
            double pgbench = pgbench(database, seconds, concurrency);
            await(vertx.close());
            System.out.printf("%nconcurrency %d, %d s per phase, fsync=on, synchronous_commit=on%n", concurrency, seconds);
            System.out.printf("pgbench single-row INSERT transactions/s: %,.0f%n", pgbench);
            print("one event per transaction", single, pgbench);
            print("group commit", grouped, pgbench);
        }
    }

    private record Result(double eventsPerSecond, double eventsPerTransaction, double p50Millis, double p99Millis) {
    }

    private static void print(String name, Result result, double pgbench) {
        System.out.printf("%-28s %,9.0f events/s  (%.2fx pgbench)  %.1f events/transaction  p50 %.2f ms  p99 %.2f ms%n",
                name + ":", result.eventsPerSecond(), result.eventsPerSecond() / pgbench,
                result.eventsPerTransaction(), result.p50Millis(), result.p99Millis());
    }

    /** A closed loop: {@code concurrency} appends outstanding, each completion starts the next. */
    private static Result run(Vertx vertx, Pool pool, GroupCommitSettings settings, int seconds, int concurrency) {
        PgEventStore store = await(PgEventStore.start(vertx, pool, null, settings));
        long[] latencies = new long[20_000_000];
        AtomicLong completed = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Promise<Void> done = Promise.promise();
        AtomicLong running = new AtomicLong(concurrency);
        GroupCommitStats before = store.stats();
        long start = System.nanoTime();
        vertx.runOnContext(ignored -> {
            for (int i = 0; i < concurrency; i++) {
                next(store, i, deadline, latencies, completed, running, done);
            }
        });
        await(done.future());
        double elapsed = (System.nanoTime() - start) / 1e9;
        GroupCommitStats after = store.stats();
        int n = (int) Math.min(completed.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        store.close();
        return new Result(n / elapsed, (double) (after.events() - before.events()) / (after.transactions() - before.transactions()),
                sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6);
    }

    private static void next(PgEventStore store, int worker, long deadline, long[] latencies, AtomicLong completed,
                             AtomicLong running, Promise<Void> done) {
        if (System.nanoTime() >= deadline) {
            if (running.decrementAndGet() == 0) {
                done.complete();
            }
            return;
        }
        long sent = System.nanoTime();
        store.append(List.of(event("DataAccessed.v1", "E" + worker, "{\"purpose\":\"location-clock-in\"}")),
                AppendCondition.none()).onComplete(result -> {
            if (result.failed()) {
                done.tryFail(result.cause());
                return;
            }
            long index = completed.getAndIncrement();
            if (index < latencies.length) {
                latencies[(int) index] = System.nanoTime() - sent;
            }
            next(store, worker, deadline, latencies, completed, running, done);
        });
    }

    private static double pgbench(LedgerDatabase database, int seconds, int concurrency) throws IOException, InterruptedException {
        var owner = database.ownerConnectOptions();
        Path script = Files.createTempFile("pgbench-insert", ".sql");
        Files.writeString(script, "INSERT INTO pgbench_reference (payload) VALUES ('{\"purpose\":\"location-clock-in\"}');\n");
        String pgbench = Files.exists(Path.of("/usr/lib/postgresql/15/bin/pgbench"))
                ? "/usr/lib/postgresql/15/bin/pgbench" : "pgbench";
        String[] connection = {"-h", "localhost", "-p", String.valueOf(owner.getPort()), "-U", owner.getUser()};
        exec(List.of("psql", connection[0], connection[1], connection[2], connection[3], connection[4], connection[5],
                "-d", owner.getDatabase(), "-qc",
                "CREATE TABLE IF NOT EXISTS pgbench_reference (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload jsonb)"));
        String output = exec(List.of(pgbench, "-n", connection[0], connection[1], connection[2], connection[3],
                connection[4], connection[5], "-c", String.valueOf(concurrency), "-j", "2", "-T", String.valueOf(seconds),
                "-f", script.toString(), owner.getDatabase()));
        return output.lines().filter(line -> line.startsWith("tps")).findFirst()
                .map(line -> Double.parseDouble(line.replaceAll("tps = ([0-9.]+).*", "$1")))
                .orElseThrow(() -> new IllegalStateException("pgbench printed no tps:\n" + output));
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", "postgres");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
