package com.consentledger.ledger.eventstore;

import com.consentledger.ledger.testing.StoreFixture;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static com.consentledger.ledger.testing.StoreFixture.event;
import static com.consentledger.ledger.testing.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

class GroupCommitTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();
    private final EventStore store = FIXTURE.store;

    @Test
    void concurrent_appends_share_transactions() {
        GroupCommitStats before = store.stats();
        List<Future<AppendResult>> appends = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            appends.add(store.append(List.of(event("DataAccessed.v1", "E-load-" + (i % 100), "{\"i\":" + i + "}")),
                    AppendCondition.none()));
        }
        await(Future.all(appends));
        GroupCommitStats after = store.stats();

        long transactions = after.transactions() - before.transactions();
        long events = after.events() - before.events();
        assertThat(events).isEqualTo(5_000);
        assertThat(transactions).isLessThan(events / 10);
        assertThat(FIXTURE.count("subject LIKE 'E-load-%'")).isEqualTo(5_000);
        assertThat(appends.stream().map(append -> append.result().lastPosition()).distinct()).hasSize(5_000);
    }

    @Test
    void drain_completes_only_after_every_append_submitted_before_it_has_committed() {
        List<Future<AppendResult>> appends = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            appends.add(FIXTURE.store.append(List.of(event("DataAccessed.v1", "E-drain-" + (i % 10), "{}")),
                    AppendCondition.none()));
        }

        await(FIXTURE.store.drain());

        assertThat(appends).allSatisfy(append -> assertThat(append.succeeded()).isTrue());
        assertThat(FIXTURE.count("subject LIKE 'E-drain-%'")).isEqualTo(2_000);
        await(FIXTURE.store.drain()); // nothing pending: completes at once
    }

    @Test
    void beyond_the_waiting_bound_appends_are_refused_at_once_and_nothing_of_them_is_stored() {
        try (StoreFixture small = new StoreFixture(new GroupCommitSettings(1, 10, 10, 50, 1, Duration.ZERO))) {
            List<Future<AppendResult>> appends = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                appends.add(small.store.append(List.of(event("DataAccessed.v1", "E-over-" + i, "{}")), AppendCondition.none()));
            }
            await(Future.join(appends).otherwiseEmpty());

            long refused = appends.stream().filter(append -> append.failed()
                    && append.cause() instanceof StoreOverloadedException).count();
            long stored = appends.stream().filter(Future::succeeded).count();
            assertThat(refused).isPositive();
            assertThat(stored + refused).isEqualTo(1_000);
            assertThat(small.count("subject LIKE 'E-over-%'")).isEqualTo(stored);
        }
    }

    @Test
    void a_poisoned_event_fails_alone_and_its_neighbours_are_stored() {
        List<Future<AppendResult>> appends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // PostgreSQL's jsonb refuses the NUL character: the batch holding it fails as a whole.
            String payload = i == 100 ? "{\"note\":\"\\u0000\"}" : "{\"i\":" + i + "}";
            appends.add(store.append(List.of(event("DataAccessed.v1", "E-poison", payload)), AppendCondition.none()));
        }
        Future.join(appends).otherwiseEmpty().toCompletionStage().toCompletableFuture().join();

        assertThat(appends.get(100).failed()).isTrue();
        assertThat(appends.get(100).cause()).isInstanceOf(EventRejectedException.class);
        assertThat(appends.stream().filter(Future::succeeded)).hasSize(199);
        assertThat(FIXTURE.count("subject = 'E-poison'")).isEqualTo(199);
    }

    @Test
    void a_request_with_several_events_is_all_or_nothing() {
        var poisoned = store.append(List.of(event("ConsentGranted.v1", "E-atomic", "{}"),
                event("ConsentGranted.v1", "E-atomic", "{\"bad\":\"\\u0000\"}")), AppendCondition.none());
        Future.join(List.of(poisoned)).otherwiseEmpty().toCompletionStage().toCompletableFuture().join();

        assertThat(poisoned.failed()).isTrue();
        assertThat(FIXTURE.count("subject = 'E-atomic'")).isZero();
    }

    @Test
    void plain_appends_store_tags_exactly_even_with_quotes_commas_braces_and_backslashes() {
        Set<String> tags = Set.of("subjectId=E-tags", "note=a\"b\\c,d{e} f", "empty=");
        NewEvent odd = new NewEvent(UUID.randomUUID(), "DataAccessed.v1", "E-tags", tags, "{}", null, null,
                Instant.parse("2025-03-03T08:00:00Z"));

        long retriedBefore = store.stats().retriedAlone();

        await(store.append(List.of(odd), AppendCondition.none()));

        assertThat(await(store.readSubject("E-tags", Long.MAX_VALUE))).singleElement()
                .satisfies(stored -> assertThat(stored.tags()).isEqualTo(tags));
        assertThat(store.stats().retriedAlone()).as("written by the plain INSERT, not by the fallback")
                .isEqualTo(retriedBefore);
    }

    @Test
    void a_plain_append_sent_again_with_the_same_event_id_is_answered_as_a_duplicate_of_the_first() {
        NewEvent access = event("DataAccessed.v1", "E-resent", "{\"i\":1}");
        AppendResult first = await(store.append(List.of(access), AppendCondition.none()));

        // the plain INSERT meets the unique index; the batch falls back to append_events, which finds the first
        AppendResult again = await(store.append(List.of(access), AppendCondition.none()));

        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.positions()).isEqualTo(first.positions());
        assertThat(FIXTURE.count("subject = 'E-resent'")).isEqualTo(1);
    }

    @Test
    void under_load_a_small_batch_lingers_so_that_the_requests_right_behind_it_share_its_transaction() {
        try (StoreFixture lingering = new StoreFixture(GroupCommitSettings.DEFAULT.withLinger(Duration.ofSeconds(2)));
             // load: a held batch, and several requests gathering behind it into the next one
             HeldBatch held = HeldBatch.hold(lingering, "E-linger-held")) {
            List<Future<AppendResult>> behind = appendSeveral(lingering, "E-linger-behind-", 5);
            held.release();
            await(Future.all(behind));
            GroupCommitStats before = lingering.store.stats();

            // requests arriving one by one, right after a batch of several, go out together
            List<Future<AppendResult>> next = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                next.add(lingering.store.append(List.of(event("DataAccessed.v1", "E-linger-next-" + i, "{}")),
                        AppendCondition.none()));
            }
            await(Future.all(next));

            assertThat(lingering.store.stats().transactions() - before.transactions()).isEqualTo(1);
        }
    }

    @Test
    void an_append_made_on_an_event_loop_is_answered_on_that_event_loop() {
        CalledAndAnswered contexts = appendFromAVerticle(store, "E-answered-on");

        // completed on the committer's context, the caller's next step (an HTTP answer) would run there
        assertThat(contexts.answeredOn()).isSameAs(contexts.calledOn());
    }

    private record CalledAndAnswered(Context calledOn, Context answeredOn) {
    }

    /** Appends from a verticle's context of its own, as each HTTP event loop has: not the committer's. */
    private static CalledAndAnswered appendFromAVerticle(EventStore target, String subject) {
        CompletableFuture<Context> calledOn = new CompletableFuture<>();
        CompletableFuture<Context> answeredOn = new CompletableFuture<>();
        await(FIXTURE.vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> start() {
                calledOn.complete(Vertx.currentContext());
                target.append(List.of(event("DataAccessed.v1", subject, "{}")), AppendCondition.none())
                        .onComplete(done -> answeredOn.complete(Vertx.currentContext()));
                return Future.succeededFuture();
            }
        }));
        return new CalledAndAnswered(calledOn.join(), answeredOn.join());
    }

    @Test
    void with_an_append_pool_the_appends_use_it_on_a_loop_of_their_own_and_answer_on_the_callers() {
        Pool shared = FIXTURE.database.createPool(FIXTURE.vertx, 2, 100);
        Pool appends = FIXTURE.database.createPool(FIXTURE.vertx, 2, 100);
        Set<String> deployedBefore = Set.copyOf(FIXTURE.vertx.deploymentIDs());
        PgEventStore separate = await(PgEventStore.start(FIXTURE.vertx, shared, appends, null, GroupCommitSettings.DEFAULT));
        Set<String> committersLoop = new java.util.HashSet<>(FIXTURE.vertx.deploymentIDs());
        committersLoop.removeAll(deployedBefore);
        try {
            CalledAndAnswered contexts = appendFromAVerticle(separate, "E-append-pool");

            assertThat(contexts.answeredOn()).isSameAs(contexts.calledOn());
            assertThat(appends.size()).isEqualTo(1);
            assertThat(shared.size()).isZero();

            // everything else stays on the shared pool
            assertThat(await(separate.readSubject("E-append-pool", Long.MAX_VALUE))).hasSize(1);
            assertThat(shared.size()).isEqualTo(1);
            assertThat(appends.size()).isEqualTo(1);
        } finally {
            separate.close();
            await(appends.close());
            await(shared.close());
        }
        // the committer's verticle goes with the store
        assertThat(committersLoop).hasSize(1);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !FIXTURE.vertx.deploymentIDs().containsAll(committersLoop));
    }

    @Test
    void beside_a_batch_in_flight_a_second_goes_out_once_enough_appends_wait_and_not_before() {
        try (StoreFixture fixture = new StoreFixture(GroupCommitSettings.DEFAULT.withLinger(Duration.ZERO));
             HeldBatch held = HeldBatch.hold(fixture, "E-second-held")) {
            int extraBatchFrom = GroupCommitSettings.DEFAULT.extraBatchFrom();

            // the committer is not woken for each of these: the held batch's commit will take them
            List<Future<AppendResult>> fewer = appendSeveral(fixture, "E-second-fewer-", extraBatchFrom - 1);
            Thread.sleep(300); // a test thread, not an event loop: gives a wrongly woken committer time to send them
            assertThat(fewer).noneMatch(Future::isComplete);

            // the one that makes extraBatchFrom wakes it, and they go out beside the held batch
            List<Future<AppendResult>> enough = appendSeveral(fixture, "E-second-enough-", 1);
            await(Future.all(fewer));
            await(Future.all(enough));
            assertThat(held.append().isComplete()).isFalse();

            assertThat(held.release().positions()).hasSize(1);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }

    @Test
    void appends_from_several_event_loops_in_fits_and_starts_all_commit() {
        // each loop appends one at a time, now at once and now after a short gap, so the committer keeps passing
        // between idle, lingering and in flight while appends arrive: every one must be answered (an append that
        // came as the committer went idle and woke nobody would wait until the next one did)
        int loops = 4;
        int appendsPerLoop = 250;
        List<CompletableFuture<Integer>> committed = new ArrayList<>();
        for (int loop = 0; loop < loops; loop++) {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            committed.add(done);
            String prefix = "E-fits-" + loop + "-";
            await(FIXTURE.vertx.deployVerticle(new VerticleBase() {
                private int appended;

                @Override
                public Future<?> start() {
                    next();
                    return Future.succeededFuture();
                }

                private void next() {
                    if (appended == appendsPerLoop) {
                        done.complete(appended);
                        return;
                    }
                    // the next one at once (it meets the committer flushing after the commit that answered this
                    // one), or after a short gap
                    store.append(List.of(event("DataAccessed.v1", prefix + appended++, "{}")), AppendCondition.none())
                            .onSuccess(result -> {
                                if (appended % 4 == 0) {
                                    vertx.setTimer(1 + appended % 3, timer -> next());
                                } else {
                                    next();
                                }
                            })
                            .onFailure(done::completeExceptionally);
                }
            }));
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> committed.stream().allMatch(CompletableFuture::isDone));
        assertThat(committed).allMatch(done -> done.join() == appendsPerLoop);
        assertThat(FIXTURE.count("subject LIKE 'E-fits-%'")).isEqualTo(loops * appendsPerLoop);
    }

    @Test
    void a_lone_sequential_writer_never_waits_for_the_linger() {
        try (StoreFixture lingering = new StoreFixture(GroupCommitSettings.DEFAULT.withLinger(Duration.ofMinutes(10)))) {
            for (int i = 0; i < 20; i++) {
                await(lingering.store.append(List.of(event("DataAccessed.v1", "E-sequential-" + i, "{}")), AppendCondition.none()));
            }
            assertThat(lingering.count("subject LIKE 'E-sequential-%'")).isEqualTo(20);
        }
    }

    /**
     * A conditional append whose batch the database holds: another transaction has the advisory lock that a
     * conditional append on the subject's tag must take. Closed without {@link #release}, the holder's
     * transaction is rolled back, so a failing test leaves neither the lock nor the connection behind (closing
     * alone gave the connection back to its pool with the transaction and the lock still held, and the fixture's
     * close then waited for the held batch until it timed out).
     */
    private static final class HeldBatch implements AutoCloseable {

        private final SqlConnection holder;
        private final Future<AppendResult> append;
        private boolean released;

        private HeldBatch(SqlConnection holder, Future<AppendResult> append) {
            this.holder = holder;
            this.append = append;
        }

        static HeldBatch hold(StoreFixture fixture, String subject) {
            String tag = "subjectId=" + subject;
            SqlConnection holder = await(fixture.ownerPool.getConnection());
            await(holder.query("BEGIN").execute());
            await(holder.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))").execute(Tuple.of(tag)));
            Future<AppendResult> append = fixture.store.append(List.of(event("ConsentGranted.v1", subject, "{}")),
                    AppendCondition.unchangedSince(ConsistencyMarker.ORIGIN,
                            List.of(Criterion.tagged(tag).ofTypes("ConsentGranted.v1"))));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> fixture.store.stats().oldestInFlight().toMillis() > 0);
            return new HeldBatch(holder, append);
        }

        Future<AppendResult> append() {
            return append;
        }

        /** Lets the held batch commit; its append's result. */
        AppendResult release() {
            await(holder.query("COMMIT").execute());
            released = true;
            await(holder.close());
            return await(append);
        }

        @Override
        public void close() {
            if (!released) {
                try {
                    await(holder.query("ROLLBACK").execute());
                } finally {
                    await(holder.close());
                }
            }
        }
    }

    private static List<Future<AppendResult>> appendSeveral(StoreFixture fixture, String subjectPrefix, int count) {
        List<Future<AppendResult>> appends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appends.add(fixture.store.append(List.of(event("DataAccessed.v1", subjectPrefix + i, "{}")), AppendCondition.none()));
        }
        return appends;
    }

    @Test
    void a_held_batch_closed_without_release_lets_its_append_commit() {
        Future<AppendResult> append;
        try (HeldBatch held = HeldBatch.hold(FIXTURE, "E-held-closed")) {
            append = held.append();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(append::isComplete);
        assertThat(append.result().positions()).hasSize(1);
    }

    @Test
    void a_batch_the_database_holds_shows_its_age_in_the_stats_until_it_commits() {
        try (HeldBatch held = HeldBatch.hold(FIXTURE, "E-held")) {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> store.stats().oldestInFlight().toMillis() >= 500);
            assertThat(held.append().isComplete()).isFalse();

            assertThat(held.release().positions()).hasSize(1);
            // the batch leaves the in-flight list just after it has answered its requests
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> store.stats().oldestInFlight().equals(Duration.ZERO));
        }
    }
}
