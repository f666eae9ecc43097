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
    void a_follower_reading_some_types_gets_those_whole_and_the_others_as_skeletons_in_the_same_order() {
        CommitPosition from = await(store.latestPosition());
        AppendResult appended = await(store.append(List.of(event("ConsentGranted.v1", "E-skeleton", "{\"n\":1}"),
                event("DataAccessed.v1", "E-skeleton", "{\"n\":2}")), AppendCondition.none()));

        List<StoredEvent> whole = await(store.readAfter(from, 1000));
        List<StoredEvent> some = await(store.readAfter(from, 1000, Set.of("ConsentGranted.v1")));

        assertThat(some).extracting(StoredEvent::position).containsExactlyElementsOf(appended.positions())
                .isEqualTo(whole.stream().map(StoredEvent::position).toList());
        assertThat(some.getFirst()).isEqualTo(whole.getFirst());
        assertThat(some.getLast()).satisfies(skeleton -> {
            assertThat(skeleton.type()).isEqualTo("DataAccessed.v1");
            assertThat(skeleton.commitPosition()).isEqualTo(whole.getLast().commitPosition());
            assertThat(skeleton.payloadJson()).isNull();
            assertThat(skeleton.metadataJson()).isNull();
            assertThat(skeleton.tags()).isEmpty();
        });
        assertThat(whole.getLast().payloadJson()).isEqualTo("{\"n\": 2}");
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
