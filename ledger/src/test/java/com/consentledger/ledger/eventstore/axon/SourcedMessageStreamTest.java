package com.consentledger.ledger.eventstore.axon;

import org.axonframework.messaging.core.Context;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.SimpleEntry;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream's contract, one thread at a time; AxonPgEventStorageEngineTest races it against PostgreSQL. */
class SourcedMessageStreamTest {

    private final CompletableFuture<List<MessageStream.Entry<EventMessage>>> read = new CompletableFuture<>();
    private final SourcedMessageStream<EventMessage> stream = SourcedMessageStream.of(read);

    private static MessageStream.Entry<EventMessage> entry(String name) {
        return new SimpleEntry<>(new GenericEventMessage(new MessageType(name), name), Context.empty());
    }

    private static String nameOf(MessageStream.Entry<EventMessage> entry) {
        return entry.message().type().name();
    }

    @Test
    void before_the_read_completes_nothing_is_available_and_nothing_is_complete() {
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.isCompleted()).isFalse();
        assertThat(stream.peek()).isEmpty();
        assertThat(stream.next()).isEmpty();
        assertThat(stream.error()).isEmpty();
    }

    @Test
    void the_entries_are_read_in_order_and_peeking_or_asking_does_not_move_the_stream() {
        read.complete(List.of(entry("first"), entry("second")));

        assertThat(stream.isCompleted()).isFalse();
        assertThat(stream.peek()).map(SourcedMessageStreamTest::nameOf).contains("first");
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.next()).map(SourcedMessageStreamTest::nameOf).contains("first");
        assertThat(stream.next()).map(SourcedMessageStreamTest::nameOf).contains("second");
        assertThat(stream.next()).isEmpty();
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.isCompleted()).isTrue();
        assertThat(stream.reduce(0, (count, entry) -> count + 1).join()).isZero();
    }

    @Test
    void only_the_latest_callback_runs_when_the_read_completes_and_a_late_one_runs_at_once() {
        List<String> calls = new ArrayList<>();
        stream.setCallback(() -> calls.add("replaced"));
        stream.setCallback(() -> calls.add("latest"));

        read.complete(List.of(entry("only")));
        assertThat(calls).containsExactly("latest");

        stream.setCallback(() -> calls.add("late"));
        assertThat(calls).containsExactly("latest", "late");
    }

    @Test
    void a_failed_read_completes_the_stream_with_its_cause() {
        IllegalStateException cause = new IllegalStateException("database gone");
        read.completeExceptionally(cause);

        assertThat(stream.isCompleted()).isTrue();
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.error()).containsSame(cause);
    }

    @Test
    void a_callback_that_throws_completes_the_stream_with_its_exception() {
        IllegalArgumentException thrown = new IllegalArgumentException("consumer broke");
        AtomicInteger calls = new AtomicInteger();
        stream.setCallback(() -> {
            calls.incrementAndGet();
            throw thrown;
        });

        read.complete(List.of(entry("unread")));

        assertThat(calls).hasValue(1);
        assertThat(stream.isCompleted()).isTrue();
        assertThat(stream.error()).containsSame(thrown);
    }

    @Test
    void axons_reduce_sums_every_entry_whether_subscribed_before_or_after_the_read() {
        CompletableFuture<Integer> subscribedBefore = stream.reduce(0, (count, entry) -> count + 1);
        read.complete(List.of(entry("a"), entry("b"), entry("c")));
        SourcedMessageStream<EventMessage> completedAlready = SourcedMessageStream.of(
                CompletableFuture.completedFuture(List.of(entry("a"), entry("b"))));

        assertThat(subscribedBefore.join()).isEqualTo(3);
        assertThat(completedAlready.reduce(0, (count, entry) -> count + 1).join()).isEqualTo(2);
    }
}
