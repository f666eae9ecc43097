package com.consentledger.ledger.eventstore.axon;

import org.axonframework.messaging.core.Message;
import org.axonframework.messaging.core.MessageStream;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The entries of one sourcing read, delivered when the read completes, safe to inspect from any thread while
 * another thread reads it.
 * <p>
 * Axon consumes a sourced stream through wrappers that register two callbacks: one runs on the thread that
 * completes the read (a Vert.x event loop) and asks {@link #isCompleted()}, while the command's thread reads the
 * stream. Axon's {@code DelayedMessageStream} over {@code MessageStream.fromStream} answers {@code isCompleted()}
 * by advancing a {@code java.util.stream} iterator, which is not thread-safe: when the read completed while the
 * command subscribed, sourcing lost events or never completed (40 to 59 of 2,000 reads in
 * AxonPgEventStorageEngineTest's race), and a rule decided on incomplete state. Here the entries arrive as one
 * immutable list and reading claims positions atomically, so inspecting never changes the stream.
 */
final class SourcedMessageStream<M extends Message> implements MessageStream<M> {

    private static final Runnable NO_CALLBACK = () -> {
    };

    private final AtomicInteger nextIndex = new AtomicInteger();
    private volatile List<Entry<M>> entries;
    private volatile Throwable failure;
    private volatile Runnable callback = NO_CALLBACK;

    private SourcedMessageStream() {
    }

    static <M extends Message> SourcedMessageStream<M> of(CompletableFuture<List<Entry<M>>> read) {
        SourcedMessageStream<M> stream = new SourcedMessageStream<>();
        read.whenComplete(stream::arrived);
        return stream;
    }

    private void arrived(List<Entry<M>> read, Throwable error) {
        if (error == null) {
            entries = List.copyOf(read);
        } else {
            failure = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        }
        notify(callback);
    }

    @Override
    public Optional<Entry<M>> next() {
        List<Entry<M>> available = entries;
        if (available == null) {
            return Optional.empty();
        }
        int index = nextIndex.getAndUpdate(current -> Math.min(current + 1, available.size()));
        return index < available.size() ? Optional.of(available.get(index)) : Optional.empty();
    }

    @Override
    public Optional<Entry<M>> peek() {
        List<Entry<M>> available = entries;
        int index = nextIndex.get();
        return available != null && index < available.size() ? Optional.of(available.get(index)) : Optional.empty();
    }

    /** Replaces the callback, as the contract asks; runs it at once when the read has already completed. */
    @Override
    public void setCallback(Runnable newCallback) {
        callback = newCallback;
        if (entries != null || failure != null) {
            notify(newCallback);
        }
    }

    /** The contract: an exception from the callback completes the stream with that error. */
    private void notify(Runnable target) {
        try {
            target.run();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    @Override
    public Optional<Throwable> error() {
        return Optional.ofNullable(failure);
    }

    @Override
    public boolean isCompleted() {
        List<Entry<M>> available = entries;
        return failure != null || available != null && nextIndex.get() >= available.size();
    }

    @Override
    public boolean hasNextAvailable() {
        List<Entry<M>> available = entries;
        return failure == null && available != null && nextIndex.get() < available.size();
    }

    /** Nothing to release: the read is a single statement whose rows are already in memory. */
    @Override
    public void close() {
    }
}
