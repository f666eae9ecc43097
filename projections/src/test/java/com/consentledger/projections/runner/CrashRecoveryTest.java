package com.consentledger.projections.runner;

import com.consentledger.ledger.eventstore.StoredEvent;
import com.consentledger.ledger.testing.StoreFixture;
import com.consentledger.projections.ReadModels;
import com.consentledger.projections.rebuild.Digest;
import com.consentledger.projections.testing.LedgerScenario;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.consentledger.ledger.testing.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A runner killed in the middle of a batch (a handler failing after writing rows, a connection closed under
 * it) resumes after restart with nothing applied twice and nothing skipped: same counts, same digest as a
 * generation built without incident.
 */
class CrashRecoveryTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();
    private static final ProjectionRunner.Settings SMALL_BATCHES = new ProjectionRunner.Settings(7, Duration.ofMillis(20));
    private static final int REFERENCE = 100;

    private static LedgerScenario scenario;

    @BeforeAll
    static void record() throws Exception {
        scenario = new LedgerScenario(FIXTURE, 25);
    }

    @AfterAll
    static void stop() {
        scenario.ledger.close();
    }

    /** A projection that, after writing each batch, does what {@code afterBatch} says with the batch's number. */
    private static final class AfterEachBatch implements Projection {
        private final Projection delegate;
        private final AtomicInteger batches = new AtomicInteger();
        private final java.util.function.IntFunction<Future<Void>> afterBatch;

        AfterEachBatch(Projection delegate, java.util.function.IntFunction<Future<Void>> afterBatch) {
            this.delegate = delegate;
            this.afterBatch = afterBatch;
        }

        @Override
        public About about() {
            return delegate.about();
        }

        @Override
        public Future<Void> apply(SqlConnection transaction, int generation, List<StoredEvent> batch) {
            return delegate.apply(transaction, generation, batch)
                    .compose(written -> afterBatch.apply(batches.incrementAndGet()));
        }
    }

    private static Digest.Result reference(Projection projection) {
        ProjectionRunner clean = await(ProjectionRunner.start(FIXTURE.vertx, FIXTURE.pool, FIXTURE.store, projection,
                REFERENCE, SMALL_BATCHES));
        long events = LedgerScenario.eventsOf(FIXTURE, projection);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> clean.checkpoint().eventsApplied() == events);
        await(clean.pause());
        return await(Digest.of(FIXTURE.pool, projection, REFERENCE));
    }

    @Test
    void a_batch_that_fails_after_writing_leaves_no_trace_and_is_applied_once_on_retry() {
        for (Projection projection : ReadModels.all()) {
            // writes the batch, then fails every third time: the rows written must vanish with the transaction
            AfterEachBatch failing = new AfterEachBatch(projection, batch -> batch % 3 == 0
                    ? Future.failedFuture(new IllegalStateException("crash after writing batch " + batch))
                    : Future.succeededFuture());
            ProjectionRunner runner = await(ProjectionRunner.start(FIXTURE.vertx, FIXTURE.pool, FIXTURE.store, failing,
                    1, SMALL_BATCHES));
            long events = LedgerScenario.eventsOf(FIXTURE, projection);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> runner.checkpoint().eventsApplied() == events);
            await(runner.pause());

            assertThat(failing.batches.get()).as("some batches failed and were retried")
                    .isGreaterThan((int) (events / SMALL_BATCHES.batchSize()));
            assertThat(await(Digest.of(FIXTURE.pool, projection, 1))).as(projection.name())
                    .isEqualTo(reference(projection));
        }
    }

    @Test
    void a_connection_closed_mid_run_is_survived_by_a_restart_from_the_checkpoint() {
        Projection projection = new com.consentledger.projections.consent.ConsentHistoryProjection();
        long events = LedgerScenario.eventsOf(FIXTURE, projection);
        Pool doomed = FIXTURE.database.createPool(FIXTURE.vertx, 2, 100);
        // slow batches, so that the pool surely closes while the runner still has work
        Projection slow = new AfterEachBatch(projection, batch -> FIXTURE.vertx.timer(30).mapEmpty());
        ProjectionRunner first = await(ProjectionRunner.start(FIXTURE.vertx, doomed, FIXTURE.store, slow, 2,
                new ProjectionRunner.Settings(3, Duration.ofMillis(20))));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> first.checkpoint().eventsApplied() > 0);
        await(doomed.close());
        await(first.pause());
        long appliedWhenKilled = await(ProjectionRunner.readCheckpoint(FIXTURE.pool, projection.name(), 2)).eventsApplied();

        ProjectionRunner restarted = await(ProjectionRunner.start(FIXTURE.vertx, FIXTURE.pool, FIXTURE.store, projection, 2,
                SMALL_BATCHES));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> restarted.checkpoint().eventsApplied() == events);
        await(restarted.pause());

        assertThat(appliedWhenKilled).isLessThan(events);
        assertThat(await(Digest.of(FIXTURE.pool, projection, 2))).isEqualTo(reference(projection));
    }

    @Test
    void checkpoints_that_only_passed_accesses_by_are_stored_lazily_and_a_crash_before_re_reads_them_harmlessly() throws Exception {
        Projection projection = new com.consentledger.projections.consent.ConsentHistoryProjection();
        long events = LedgerScenario.eventsOf(FIXTURE, projection);
        ProjectionRunner.Settings lazy = new ProjectionRunner.Settings(50, Duration.ofMillis(20), Duration.ZERO,
                Duration.ofHours(1));
        Pool doomed = FIXTURE.database.createPool(FIXTURE.vertx, 2, 100);
        ProjectionRunner first = await(ProjectionRunner.start(FIXTURE.vertx, doomed, FIXTURE.store, projection, 3, lazy));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> first.checkpoint().eventsApplied() == events);
        ProjectionRunner.Checkpoint storedAfterTheLastBatch = await(ProjectionRunner.readCheckpoint(FIXTURE.pool,
                projection.name(), 3));

        for (int index = 1; index <= 5; index++) {
            LedgerScenario.await(scenario.ledger.recordAccess(LedgerScenario.access("E00000" + index, "device-binding",
                    "imei"), null));
        }
        var latest = await(FIXTURE.store.latestPosition());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> first.checkpoint().position().equals(latest));
        // the accesses moved the checkpoint in memory only
        assertThat(await(ProjectionRunner.readCheckpoint(FIXTURE.pool, projection.name(), 3)))
                .isEqualTo(storedAfterTheLastBatch);
        assertThat(storedAfterTheLastBatch.position()).isLessThan(latest);

        // killed before it could store them: the restart reads the accesses again and applies nothing twice
        await(doomed.close());
        await(first.pause().otherwiseEmpty());
        ProjectionRunner restarted = await(ProjectionRunner.start(FIXTURE.vertx, FIXTURE.pool, FIXTURE.store, projection, 3,
                lazy));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> restarted.checkpoint().position().equals(latest));
        assertThat(restarted.checkpoint().eventsApplied()).isEqualTo(events);

        // a pause stores what the runner passed by
        await(restarted.pause());
        assertThat(await(ProjectionRunner.readCheckpoint(FIXTURE.pool, projection.name(), 3)))
                .isEqualTo(restarted.checkpoint());
        assertThat(await(Digest.of(FIXTURE.pool, projection, 3))).isEqualTo(reference(projection));
    }
}
