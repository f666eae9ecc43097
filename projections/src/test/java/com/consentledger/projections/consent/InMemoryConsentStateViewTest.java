package com.consentledger.projections.consent;

import com.consentledger.ledger.application.InMemoryConsentStateView;
import com.consentledger.ledger.demo.DemoEmployees;
import com.consentledger.ledger.demo.DemoPolicy;
import com.consentledger.ledger.eventstore.CommitPosition;
import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.ConsentWithdrawn;
import com.consentledger.ledger.subject.Recorded;
import com.consentledger.ledger.subject.SubjectHistory;
import com.consentledger.ledger.testing.StoreFixture;
import com.consentledger.projections.testing.LedgerScenario;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryConsentStateViewTest {

    @RegisterExtension
    static final StoreFixture FIXTURE = new StoreFixture();

    @Test
    void the_view_fed_by_the_stream_holds_what_a_replay_of_the_store_holds() throws Exception {
        LedgerScenario scenario = new LedgerScenario(FIXTURE, 30);
        InMemoryConsentStateView view = new InMemoryConsentStateView();
        try (ConsentStateFeed feed = ConsentStateFeed.follow(FIXTURE.vertx, FIXTURE.store, view, CommitPosition.START)) {
            long events = FIXTURE.count("true");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> feed.position().position() > 0
                    && FIXTURE.count("position > " + feed.position().position()) == 0);
            for (int index = 0; index < 30; index++) {
                String subject = DemoEmployees.subjectId(index);
                assertThat(view.subject(subject).toCompletableFuture().join())
                        .isEqualTo(LedgerScenario.await(scenario.ledger.subjectHistory(subject)));
            }
            assertThat(view.policy(DemoPolicy.POLICY_ID).toCompletableFuture().join().versions()).hasSize(1);
            assertThat(events).isPositive();
        } finally {
            scenario.ledger.close();
        }
    }

    @Test
    void an_event_seen_twice_or_out_of_order_ends_up_once_in_position_order() {
        InMemoryConsentStateView view = new InMemoryConsentStateView();
        Instant at = Instant.parse("2025-03-03T08:00:00Z");
        ConsentGranted grant = new ConsentGranted("E1", "c1", "avatar", "p", "v1", List.of(), "app", null, false, at);
        ConsentWithdrawn withdrawal = new ConsentWithdrawn("E1", "avatar", null, null, at);

        view.apply(withdrawal, 12);          // this node's commit, applied right away
        view.apply(grant, 11);               // an older commit of another node, through the stream
        view.apply(withdrawal, 12);          // this node's commit again, through the stream

        SubjectHistory history = view.subject("E1").toCompletableFuture().join();
        assertThat(history.events()).extracting(Recorded::position).containsExactly(11L, 12L);
        // same instant: the later position decides, as in a replay
        assertThat(history.consentChangeAt("avatar", at)).map(Recorded::event).contains(withdrawal);
    }
}
