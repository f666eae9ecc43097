package com.consentledger.ledger.eventstore;

import com.consentledger.ledger.testing.StoreFixture;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

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
        try (StoreFixture small = new StoreFixture(new GroupCommitSettings(1, 10, 10, 50))) {
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
}
