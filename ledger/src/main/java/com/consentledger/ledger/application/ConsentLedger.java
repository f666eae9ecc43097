package com.consentledger.ledger.application;

import com.consentledger.ledger.access.AccessCommandHandler;
import com.consentledger.ledger.access.AccessDecision;
import com.consentledger.ledger.access.AccessRequest;
import com.consentledger.ledger.access.AccessVerdict;
import com.consentledger.ledger.access.DecideAccess;
import com.consentledger.ledger.calendar.WorkingDayCalendar;
import com.consentledger.ledger.consent.AcceptAllPurposes;
import com.consentledger.ledger.consent.ConsentCommand;
import com.consentledger.ledger.consent.GrantConsent;
import com.consentledger.ledger.consent.WithdrawConsent;
import com.consentledger.ledger.consent.ConsentEvaluation;
import com.consentledger.ledger.consent.PurposeStatus;
import com.consentledger.ledger.events.DataAccessed;
import com.consentledger.ledger.events.Decision;
import com.consentledger.ledger.events.EventCatalogue;
import com.consentledger.ledger.events.LedgerEvent;
import com.consentledger.ledger.events.LedgerJson;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.events.SubjectEvent;
import com.consentledger.ledger.eventstore.AppendCondition;
import com.consentledger.ledger.eventstore.Criterion;
import com.consentledger.ledger.eventstore.EventStore;
import com.consentledger.ledger.eventstore.StoredEvent;
import com.consentledger.ledger.eventstore.axon.AxonEventTypes;
import com.consentledger.ledger.eventstore.axon.AxonPgEventStorageEngine;
import com.consentledger.ledger.offboarding.LifecycleCommand;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.ledger.policy.PublishPolicyVersion;
import com.consentledger.ledger.rules.RuleViolation;
import com.consentledger.ledger.subject.SubjectHistory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.axonframework.common.configuration.AxonConfiguration;
import org.axonframework.conversion.json.JacksonConverter;
import org.axonframework.eventsourcing.eventstore.AppendEventsTransactionRejectedException;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.eventhandling.conversion.DelegatingEventConverter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * What the API calls: every decision of the consent domain, asynchronously. Writes go through Axon (source the
 * subject and the policy, decide, append on condition), retried on a concurrent change; access records are
 * blind, group-committed appends. Failures are {@link RuleViolation}s (the caller's mistake) or store
 * exceptions (ours), never a partly stored decision.
 */
public final class ConsentLedger implements AutoCloseable {

    /** A decision that lost a race re-reads the state and decides again, this many times at most. */
    static final int ATTEMPTS = 4;

    private final AxonConfiguration axon;
    private final CommandGateway commands;
    private final EventStore store;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final ConsentStateView view;
    private final List<BiConsumer<LedgerEvent, Long>> commitListeners = new CopyOnWriteArrayList<>();

    private ConsentLedger(AxonConfiguration axon, EventStore store, Clock clock, Supplier<UUID> ids,
                          ConsentStateView view) {
        this.axon = axon;
        this.commands = axon.getComponent(CommandGateway.class);
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.view = view;
        // this node's commits reach the view at once: a grant counts at the very next access
        onCommitted((event, position) -> view.apply(event, position));
    }

    /**
     * Starts Axon on the store. Blocks briefly while Axon starts: call it at startup, not on an event loop.
     *
     * @param view the consent state access decisions read; the caller also feeds it from the event stream
     */
    public static ConsentLedger start(Vertx vertx, EventStore store, Clock clock, Supplier<UUID> ids,
                                      WorkingDayCalendar calendar, ConsentStateView view) {
        AxonConfiguration axon = LedgerDomain.configurer(clock, ids, calendar)
                .registerEventStorageEngine(configuration -> new AxonPgEventStorageEngine(vertx, store,
                        new DelegatingEventConverter(new JacksonConverter(LedgerJson.MAPPER)),
                        new AxonEventTypes(LedgerEvent.NAMESPACE), SubjectEvent.TAG, EventCatalogue.LEDGER::readable))
                .start();
        return new ConsentLedger(axon, store, clock, ids, view);
    }

    /** An event of a committed decision, with the position the store gave it. */
    public record CommittedEvent(UUID eventId, long position, LedgerEvent event) {
    }

    /** The access answer: the verdict, the id of its record and the record's position. */
    public record AccessRecorded(String accessId, AccessVerdict verdict, long position, DataAccessed record) {
    }

    /**
     * Calls {@code listener} with each event this node commits and its position, right after the commit:
     * how the in-memory consent view learns of a grant before the stream brings it.
     */
    public void onCommitted(BiConsumer<LedgerEvent, Long> listener) {
        commitListeners.add(listener);
    }

    private void committed(LedgerEvent event, long position) {
        commitListeners.forEach(listener -> listener.accept(event, position));
    }

    public CompletableFuture<List<CommittedEvent>> publish(PublishPolicyVersion command) {
        return decide(command);
    }

    public CompletableFuture<List<CommittedEvent>> decide(ConsentCommand command) {
        String policyId = switch (command) {
            case GrantConsent grant -> grant.policyId();
            case AcceptAllPurposes acceptAll -> acceptAll.policyId();
            case WithdrawConsent withdraw -> "";
        };
        return policyId == null ? missingPolicyId() : decide((Object) command);
    }

    public CompletableFuture<List<CommittedEvent>> decide(LifecycleCommand command) {
        return decide((Object) command);
    }

    /**
     * Decides the access on the consent state view (memory, no query) and records it, allowed or denied. The
     * record is appended blind: it cannot conflict, and concurrent records share one commit.
     *
     * @param clientEventId the caller's idempotency id for the record, or {@code null}
     */
    public CompletableFuture<AccessRecorded> recordAccess(DecideAccess command, String clientEventId) {
        if (command.policyId() == null) {
            return missingPolicyId();
        }
        AccessRequest request;
        try {
            request = AccessCommandHandler.requestOf(command, clock);
        } catch (RuleViolation invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        return view.subject(request.subjectId()).thenCombine(view.policy(command.policyId()),
                        (subject, policy) -> AccessDecision.decide(subject, policy, request))
                .toCompletableFuture()
                .thenCompose(verdict -> record(request, verdict, clientEventId));
    }

    private CompletableFuture<AccessRecorded> record(AccessRequest request, AccessVerdict verdict, String clientEventId) {
        DataAccessed record = new DataAccessed(request.subjectId(), ids.get().toString(), request.purpose(),
                request.dataCategories(), request.processor(), verdict.verdict(), verdict.basis(), verdict.reason(),
                verdict.policyVersion(), verdict.occurredAt());
        return toCompletable(store.append(List.of(EventCatalogue.LEDGER.encode(record, ids.get(), clientEventId,
                        new JsonObject().put("actor", request.processor()).encode())), AppendCondition.none()))
                .thenApply(result -> {
                    committed(record, result.positions().getFirst());
                    return new AccessRecorded(record.accessId(), verdict, result.positions().getFirst(), record);
                });
    }

    /** Everything recorded about the subject's consents and lifecycle, with positions. */
    public CompletableFuture<SubjectHistory> subjectHistory(String subjectId) {
        return read(SubjectEvent.TAG, subjectId, SubjectHistory.STATE_EVENTS)
                .thenApply(events -> Histories.subject(subjectId, events));
    }

    /** Every published version of the policy, archived ones included. */
    public CompletableFuture<PolicyHistory> policyHistory(String policyId) {
        return read(PolicyVersionPublished.TAG, policyId, List.of(PolicyVersionPublished.class))
                .thenApply(events -> Histories.policy(policyId, events, null));
    }

    /**
     * The subject's state for every purpose of the policy version in effect at {@code instant}, from the
     * consent view: it already holds this node's commits, so the answer to a decision needs no read.
     */
    public CompletableFuture<List<PurposeStatus>> statesAt(String subjectId, String policyId, Instant instant) {
        return view.subject(subjectId).thenCombine(view.policy(policyId),
                (subject, policy) -> ConsentEvaluation.statesAt(subject, policy, instant)).toCompletableFuture();
    }

    private CompletableFuture<List<StoredEvent>> read(String tagKey, String tagValue,
                                                      List<Class<? extends LedgerEvent>> types) {
        Criterion criterion = Criterion.tagged(tagKey + "=" + tagValue)
                .ofTypes(types.stream().map(EventCatalogue.LEDGER::typeName).toArray(String[]::new));
        return toCompletable(store.source(List.of(criterion))).thenApply(sourced -> sourced.events());
    }

    @Override
    public void close() {
        axon.shutdown();
    }

    private CompletableFuture<List<CommittedEvent>> decide(Object command) {
        return withRetries(() -> commands.send(command, Decision.class), ATTEMPTS).thenCompose(this::withPositions);
    }

    private CompletableFuture<List<CommittedEvent>> withPositions(Decision decision) {
        return toCompletable(store.positionsOf(decision.eventIds())).thenApply(positions -> {
            List<CommittedEvent> committed = decision.events().stream()
                    .map(event -> new CommittedEvent(event.eventId(), positions.get(event.eventId()), event.event()))
                    .toList();
            committed.forEach(event -> committed(event.event(), event.position()));
            return committed;
        });
    }

    private static <T> CompletableFuture<T> withRetries(Supplier<CompletableFuture<T>> attempt, int attemptsLeft) {
        return attempt.get().handle((result, failure) -> {
            Throwable cause = unwrap(failure);
            if (cause == null) {
                return CompletableFuture.completedFuture(result);
            }
            if (cause instanceof AppendEventsTransactionRejectedException && attemptsLeft > 1) {
                return withRetries(attempt, attemptsLeft - 1);
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(next -> next);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Axon cannot load a policy without its id: say which field is missing instead. */
    private static <T> CompletableFuture<T> missingPolicyId() {
        return CompletableFuture.failedFuture(RuleViolation.invalid("policyId", "policyId is required"));
    }

    private static <T> CompletableFuture<T> toCompletable(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture();
    }
}
