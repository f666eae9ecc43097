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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionalAppendTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();
    private final EventStore store = FIXTURE.store;

    private static List<Criterion> consentsOf(String subject) {
        return List.of(Criterion.tagged("subjectId=" + subject).ofTypes("ConsentGranted.v1", "ConsentWithdrawn.v1"));
    }

    @Test
    void forty_racers_deciding_on_the_same_state_give_one_winner_and_thirty_nine_conflicts() {
        String subject = "E-race";
        await(store.append(List.of(event("ConsentGranted.v1", subject, "{\"n\":0}")), AppendCondition.none()));
        List<SourcedEvents> decisions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            decisions.add(await(store.source(consentsOf(subject))));
        }

        List<Future<AppendResult>> racers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            racers.add(store.append(List.of(event("ConsentWithdrawn.v1", subject, "{\"racer\":" + i + "}")),
                    AppendCondition.unchangedSince(decisions.get(i).marker(), consentsOf(subject))));
        }
        Future.join(racers).otherwiseEmpty().toCompletionStage().toCompletableFuture().join();

        List<Future<AppendResult>> winners = racers.stream().filter(Future::succeeded).toList();
        List<Future<AppendResult>> losers = racers.stream().filter(Future::failed).toList();
        assertThat(winners).hasSize(1);
        assertThat(losers).hasSize(39).allSatisfy(loser ->
                assertThat(loser.cause()).isInstanceOf(AppendConflictException.class));
        assertThat(FIXTURE.count("subject = 'E-race' AND type = 'ConsentWithdrawn.v1'")).isEqualTo(1);
        assertThat(FIXTURE.count("subject = 'E-race' AND position = " + winners.getFirst().result().lastPosition()))
                .isEqualTo(1);
    }

    @Test
    void racers_that_each_decide_on_fresh_state_all_win_one_after_another() {
        String subject = "E-chain";
        List<Future<AppendResult>> racers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int racer = i;
            racers.add(retryOnConflict(() -> store.source(consentsOf(subject)).compose(sourced ->
                    store.append(List.of(event("ConsentGranted.v1", subject, "{\"racer\":" + racer + "}")),
                            AppendCondition.unchangedSince(sourced.marker(), consentsOf(subject))))));
        }
        await(Future.all(racers));
        assertThat(FIXTURE.count("subject = 'E-chain'")).isEqualTo(40);
    }

    private static Future<AppendResult> retryOnConflict(java.util.function.Supplier<Future<AppendResult>> attempt) {
        return attempt.get().recover(failure -> failure instanceof AppendConflictException
                ? retryOnConflict(attempt) : Future.failedFuture(failure));
    }

    @Test
    void events_outside_the_criteria_do_not_conflict() {
        String subject = "E-unrelated";
        SourcedEvents decision = await(store.source(consentsOf(subject)));
        await(store.append(List.of(event("DataAccessed.v1", subject, "{}")), AppendCondition.none()));

        AppendResult result = await(store.append(List.of(event("ConsentGranted.v1", subject, "{}")),
                AppendCondition.unchangedSince(decision.marker(), consentsOf(subject))));

        assertThat(result.positions()).hasSize(1);
    }

    @Test
    void a_decision_that_saw_nothing_conflicts_with_any_matching_event() {
        String subject = "E-origin";
        await(store.append(List.of(event("ConsentGranted.v1", subject, "{}")), AppendCondition.none()));

        assertThatThrownBy(() -> await(store.append(List.of(event("ConsentGranted.v1", subject, "{}")),
                AppendCondition.unchangedSince(ConsistencyMarker.ORIGIN, consentsOf(subject)))))
                .isInstanceOf(AppendConflictException.class);
    }

    @Test
    void a_type_named_without_version_matches_every_version_when_sourcing_and_checking() {
        String subject = "E-unversioned";
        List<Criterion> anyVersion = List.of(Criterion.tagged("subjectId=" + subject).ofTypes("ConsentGranted"));
        SourcedEvents decision = await(store.source(anyVersion));
        await(store.append(List.of(event("ConsentGranted.v2", subject, "{}")), AppendCondition.none()));

        assertThat(await(store.source(anyVersion)).events()).extracting(StoredEvent::type).containsExactly("ConsentGranted.v2");
        assertThatThrownBy(() -> await(store.append(List.of(event("ConsentWithdrawn.v1", subject, "{}")),
                AppendCondition.unchangedSince(decision.marker(), anyVersion))))
                .isInstanceOf(AppendConflictException.class);
    }

    @Test
    void sourcing_returns_matching_events_in_order_with_the_marker_of_that_read() {
        String subject = "E-source";
        AppendResult first = await(store.append(List.of(event("ConsentGranted.v1", subject, "{\"n\":1}"),
                event("ConsentWithdrawn.v1", subject, "{\"n\":2}")), AppendCondition.none()));
        await(store.append(List.of(event("DataAccessed.v1", subject, "{}")), AppendCondition.none()));

        SourcedEvents sourced = await(store.source(consentsOf(subject)));

        assertThat(sourced.events()).extracting(StoredEvent::position).containsExactlyElementsOf(first.positions());
        assertThat(sourced.events()).extracting(StoredEvent::type).containsExactly("ConsentGranted.v1", "ConsentWithdrawn.v1");
        assertThat(sourced.marker().snapshot()).matches("\\d+:\\d+:[\\d,]*");
        assertThat(sourced.marker().position()).isEqualTo(first.lastPosition());
    }

    @Test
    void access_records_are_out_of_the_tag_index_yet_found_and_checked_by_every_criterion_that_admits_them() {
        String subject = "E-untagged";
        Criterion anyType = Criterion.tagged("subjectId=" + subject);
        Criterion accesses = Criterion.tagged("subjectId=" + subject).ofTypes("DataAccessed");
        SourcedEvents decision = await(store.source(List.of(anyType)));
        await(store.append(List.of(event("ConsentGranted.v1", subject, "{}")), AppendCondition.none()));
        SourcedEvents beforeTheAccess = await(store.source(consentsOf(subject)));
        await(store.append(List.of(event("DataAccessed.v1", subject, "{}")), AppendCondition.none()));

        assertThat(await(store.source(List.of(anyType))).events()).extracting(StoredEvent::type)
                .containsExactly("ConsentGranted.v1", "DataAccessed.v1");
        assertThat(await(store.source(List.of(accesses))).events()).extracting(StoredEvent::type)
                .containsExactly("DataAccessed.v1");
        assertThat(await(store.source(List.of(consentsOf(subject).getFirst(), accesses))).events())
                .extracting(StoredEvent::type).containsExactly("ConsentGranted.v1", "DataAccessed.v1");
        // the access is news only to a condition whose criteria admit it
        assertThatThrownBy(() -> await(store.append(List.of(event("ConsentWithdrawn.v1", subject, "{}")),
                AppendCondition.unchangedSince(beforeTheAccess.marker(), List.of(accesses)))))
                .isInstanceOf(AppendConflictException.class);
        assertThatThrownBy(() -> await(store.append(List.of(event("ConsentWithdrawn.v1", subject, "{}")),
                AppendCondition.unchangedSince(decision.marker(), List.of(anyType)))))
                .isInstanceOf(AppendConflictException.class);
        assertThat(await(store.append(List.of(event("ConsentWithdrawn.v1", subject, "{}")),
                AppendCondition.unchangedSince(beforeTheAccess.marker(), consentsOf(subject)))).positions()).hasSize(1);
    }
}
