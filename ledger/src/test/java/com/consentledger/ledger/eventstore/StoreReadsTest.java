package com.consentledger.ledger.eventstore;

import com.consentledger.ledger.testing.StoreFixture;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.consentledger.ledger.testing.StoreFixture.event;
import static com.consentledger.ledger.testing.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

class StoreReadsTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();
    private final EventStore store = FIXTURE.store;

    @Test
    void a_subject_is_read_in_position_order_up_to_a_position_or_a_recording_instant() throws InterruptedException {
        AppendResult early = await(store.append(List.of(event("ConsentGranted.v1", "E-read", "{\"n\":1}"),
                event("DataAccessed.v1", "E-read", "{\"n\":2}")), AppendCondition.none()));
        await(store.append(List.of(event("DataAccessed.v1", "E-other", "{}")), AppendCondition.none()));
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        AppendResult late = await(store.append(List.of(event("ConsentWithdrawn.v1", "E-read", "{\"n\":3}")),
                AppendCondition.none()));

        assertThat(await(store.readSubject("E-read", Long.MAX_VALUE))).extracting(StoredEvent::position)
                .containsExactly(early.positions().get(0), early.positions().get(1), late.lastPosition());
        assertThat(await(store.readSubject("E-read", early.lastPosition()))).extracting(StoredEvent::type)
                .containsExactly("ConsentGranted.v1", "DataAccessed.v1");
        assertThat(await(store.readSubjectRecordedBy("E-read", between))).extracting(StoredEvent::payloadJson)
                .containsExactly("{\"n\": 1}", "{\"n\": 2}");
    }

    @Test
    void a_position_at_an_instant_reads_on_from_the_first_event_recorded_then() throws InterruptedException {
        await(store.append(List.of(event("DataAccessed.v1", "E-token", "{\"n\":1}")), AppendCondition.none()));
        Thread.sleep(20);
        Instant instant = Instant.now();
        Thread.sleep(20);
        AppendResult after = await(store.append(List.of(event("DataAccessed.v1", "E-token", "{\"n\":2}")),
                AppendCondition.none()));

        CommitPosition at = await(store.positionAt(instant));
        List<StoredEvent> fromThere = await(store.readAfter(at, 1000));

        assertThat(fromThere).extracting(StoredEvent::position).containsExactly(after.lastPosition());
        CommitPosition latest = await(store.latestPosition());
        assertThat(latest).isEqualTo(fromThere.getLast().commitPosition());
        assertThat(await(store.positionAt(Instant.now().plusSeconds(60)))).isEqualTo(latest);
        assertThat(await(store.readAfter(latest, 1000))).isEmpty();
    }

    @Test
    void a_follower_reading_some_types_gets_only_those_and_its_position_passes_the_others() {
        CommitPosition from = await(store.latestPosition());
        await(store.append(List.of(event("ConsentGranted.v1", "E-slice", "{\"n\":1}"),
                event("DataAccessed.v1", "E-slice", "{\"n\":2}"), event("ConsentGranted.v1", "E-slice", "{\"n\":3}"),
                event("DataAccessed.v1", "E-slice", "{\"n\":4}"), event("DataAccessed.v1", "E-slice", "{\"n\":5}")),
                AppendCondition.none()));
        List<StoredEvent> whole = await(store.readAfter(from, 1000));

        EventSlice grants = await(store.readTypesAfter(from, 1000, Set.of("ConsentGranted.v1")));
        assertThat(grants.events()).containsExactly(whole.get(0), whole.get(2));
        assertThat(grants.through()).isEqualTo(whole.getLast().commitPosition());

        EventSlice accesses = await(store.readTypesAfter(from, 1000, Set.of("DataAccessed.v1")));
        assertThat(accesses.events()).containsExactly(whole.get(1), whole.get(3), whole.get(4));
        assertThat(accesses.through()).isEqualTo(whole.getLast().commitPosition());

        assertThat(await(store.readTypesAfter(grants.through(), 1000, Set.of("ConsentGranted.v1"))))
                .isEqualTo(new EventSlice(List.of(), grants.through()));
    }

    @Test
    void a_full_slice_ends_at_its_last_event_so_that_the_next_read_continues_there() {
        CommitPosition from = await(store.latestPosition());
        await(store.append(List.of(event("ConsentGranted.v1", "E-full", "{}"), event("DataAccessed.v1", "E-full", "{}"),
                event("ConsentGranted.v1", "E-full", "{}")), AppendCondition.none()));
        List<StoredEvent> whole = await(store.readAfter(from, 1000));

        EventSlice first = await(store.readTypesAfter(from, 1, Set.of("ConsentGranted.v1")));
        assertThat(first).isEqualTo(new EventSlice(List.of(whole.get(0)), whole.get(0).commitPosition()));
        EventSlice second = await(store.readTypesAfter(first.through(), 1, Set.of("ConsentGranted.v1")));
        assertThat(second).isEqualTo(new EventSlice(List.of(whole.get(2)), whole.get(2).commitPosition()));
    }

    @Test
    void an_intersected_snapshot_sees_exactly_what_both_snapshots_see() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            String a = randomSnapshot(random);
            String b = randomSnapshot(random);
            String both = Snapshots.intersect(a, b);
            boolean agrees = await(FIXTURE.ownerPool.preparedQuery("""
                    SELECT bool_and(pg_visible_in_snapshot(x::text::xid8, $3::pg_snapshot)
                                    = (pg_visible_in_snapshot(x::text::xid8, $1::pg_snapshot)
                                       AND pg_visible_in_snapshot(x::text::xid8, $2::pg_snapshot)))
                    FROM generate_series(1, 60) AS x""").execute(Tuple.of(a, b, both)))
                    .iterator().next().getBoolean(0);
            assertThat(agrees).as("%s ∩ %s = %s", a, b, both).isTrue();
        }
    }

    private static String randomSnapshot(Random random) {
        long xmin = 1 + random.nextInt(25);
        long xmax = xmin + random.nextInt(25);
        TreeSet<Long> inProgress = new TreeSet<>();
        for (long xid = xmin; xid < xmax; xid++) {
            if (random.nextInt(3) == 0) {
                inProgress.add(xid);
            }
        }
        return xmin + ":" + xmax + ":" + inProgress.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
