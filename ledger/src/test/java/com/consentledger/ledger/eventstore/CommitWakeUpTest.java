package com.consentledger.ledger.eventstore;

import com.consentledger.ledger.testing.StoreFixture;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static com.consentledger.ledger.testing.StoreFixture.event;
import static com.consentledger.ledger.testing.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How followers learn of commits: paced reads on this node, NOTIFY from other nodes. */
class CommitWakeUpTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();

    @Test
    void a_paced_tail_folds_a_burst_of_commits_into_few_reads_and_delivers_every_event_once() {
        List<StoredEvent> delivered = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger batches = new AtomicInteger();
        CommitPosition from = await(FIXTURE.store.latestPosition());
        // the poll timer is far away: only commits wake this tail, and pacing folds them
        EventTail tail = EventTail.followTypes(FIXTURE.vertx, FIXTURE.store, from, 1_000, Duration.ofMinutes(5),
                Duration.ofSeconds(2), Set.of("DataAccessed.v1"), slice -> {
                    batches.incrementAndGet();
                    delivered.addAll(slice.events());
                    return Future.succeededFuture();
                });
        for (int i = 0; i < 30; i++) { // 30 commits, one after the other
            await(FIXTURE.store.append(List.of(event("DataAccessed.v1", "E-burst", "{\"i\":" + i + "}")),
                    AppendCondition.none()));
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> delivered.size() >= 30);
        tail.close();

        assertThat(delivered).hasSize(30);
        assertThat(delivered.stream().map(StoredEvent::position)).doesNotHaveDuplicates();
        assertThat(batches.get()).as("30 commits within about one interval: read in one or two batches")
                .isLessThanOrEqualTo(3);
    }

    @Test
    void a_tail_of_other_types_delivers_none_of_the_access_records_yet_its_position_passes_them() {
        List<EventSlice> slices = Collections.synchronizedList(new ArrayList<>());
        CommitPosition from = await(FIXTURE.store.latestPosition());
        EventTail tail = EventTail.followTypes(FIXTURE.vertx, FIXTURE.store, from, 1_000, Duration.ofMillis(100),
                Duration.ZERO, Set.of("ConsentGranted.v1"), slice -> {
                    slices.add(slice);
                    return Future.succeededFuture();
                });
        await(FIXTURE.store.append(List.of(event("DataAccessed.v1", "E-passed", "{}"),
                event("DataAccessed.v1", "E-passed", "{}")), AppendCondition.none()));
        CommitPosition last = await(FIXTURE.store.latestPosition());

        await().atMost(Duration.ofSeconds(15)).until(() -> tail.position().equals(last));
        tail.close();

        assertThat(slices).flatExtracting(EventSlice::events).isEmpty();
        assertThat(slices.getLast().through()).isEqualTo(last);
    }

    @Test
    void another_nodes_commit_wakes_a_listening_store_and_a_store_is_not_woken_again_by_its_own_notify() {
        PgEventStore first = await(PgEventStore.start(FIXTURE.vertx, FIXTURE.pool, FIXTURE.database.appConnectOptions(),
                GroupCommitSettings.DEFAULT));
        PgEventStore second = await(PgEventStore.start(FIXTURE.vertx, FIXTURE.pool, FIXTURE.database.appConnectOptions(),
                GroupCommitSettings.DEFAULT));
        try {
            AtomicInteger firstWoken = new AtomicInteger();
            AtomicInteger secondWoken = new AtomicInteger();
            first.onCommit(firstWoken::incrementAndGet);
            second.onCommit(secondWoken::incrementAndGet);

            await(first.append(List.of(event("DataAccessed.v1", "E-notify", "{}")), AppendCondition.none()));

            await().atMost(Duration.ofSeconds(10)).until(() -> secondWoken.get() >= 1);
            // the NOTIFY has gone round (the second store heard it); the first heard it too, and ignored it
            assertThat(firstWoken.get()).isEqualTo(1);
        } finally {
            first.close();
            second.close();
        }
    }
}
