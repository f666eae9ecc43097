package com.consentledger.projections.consent;

import com.consentledger.ledger.application.ConsentStateView;
import com.consentledger.ledger.events.LedgerEvent;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.eventstore.CommitPosition;
import com.consentledger.ledger.subject.SubjectHistory;
import com.consentledger.ledger.eventstore.EventStore;
import com.consentledger.ledger.eventstore.EventTail;
import com.consentledger.ledger.eventstore.StoredEvent;
import com.consentledger.projections.runner.Events;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Feeds a {@link ConsentStateView} from the event stream: from the start at boot, then live. */
public final class ConsentStateFeed implements AutoCloseable {

    /** Policies and what shapes a subject's state; access records, most of the stream, are not needed. */
    private static final List<Class<? extends LedgerEvent>> WANTED = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(PolicyVersionPublished.class), SubjectHistory.STATE_EVENTS.stream()).toList();

    private final EventTail tail;

    private ConsentStateFeed(EventTail tail) {
        this.tail = tail;
    }

    public static ConsentStateFeed follow(Vertx vertx, EventStore store, ConsentStateView view, CommitPosition from) {
        // this node's commits reach the view directly; the feed brings other nodes' commits, so 20 ms is soon enough
        return new ConsentStateFeed(EventTail.followTypes(vertx, store, from, 1_000, Duration.ofMillis(500), Duration.ofMillis(20),
                Events.typeNames(WANTED), slice -> Future.fromCompletionStage(apply(view, slice.events()))));
    }

    private static CompletableFuture<Void> apply(ConsentStateView view, java.util.List<StoredEvent> batch) {
        CompletableFuture<Void> applied = CompletableFuture.completedFuture(null);
        for (Events.Decoded decoded : Events.decode(batch, WANTED)) {
            applied = applied.thenCompose(previous -> view.apply(decoded.event(), decoded.stored().position())
                    .toCompletableFuture());
        }
        return applied;
    }

    /** How far the view has been fed from the stream. */
    public CommitPosition position() {
        return tail.position();
    }

    @Override
    public void close() {
        tail.close();
    }
}
