package com.consentledger.ledger.application;

import com.consentledger.ledger.events.LedgerEvent;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.events.SubjectEvent;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.ledger.subject.SubjectHistory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link ConsentStateView} in this JVM's memory: one node, or each node its own copy fed by the stream. */
public final class InMemoryConsentStateView implements ConsentStateView {

    private final ConcurrentMap<String, SubjectHistory> subjects = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, PolicyHistory> policies = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<SubjectHistory> subject(String subjectId) {
        return CompletableFuture.completedFuture(subjects.getOrDefault(subjectId, SubjectHistory.empty(subjectId)));
    }

    @Override
    public CompletionStage<java.util.Set<String>> policyIds() {
        return CompletableFuture.completedFuture(java.util.Set.copyOf(policies.keySet()));
    }

    @Override
    public CompletionStage<PolicyHistory> policy(String policyId) {
        return CompletableFuture.completedFuture(policies.getOrDefault(policyId, PolicyHistory.empty(policyId)));
    }

    @Override
    public CompletionStage<Void> apply(LedgerEvent event, long position) {
        if (event instanceof PolicyVersionPublished published) {
            policies.compute(published.policyId(), (id, history) -> {
                PolicyHistory known = history == null ? PolicyHistory.empty(id) : history;
                return known.version(published.version()).isPresent() ? known : known.evolve(published);
            });
        } else if (event instanceof SubjectEvent subjectEvent && SubjectHistory.STATE_EVENTS.contains(event.getClass())) {
            subjects.compute(subjectEvent.subjectId(), (id, history) ->
                    (history == null ? SubjectHistory.empty(id) : history).evolveInPositionOrder(event, position));
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Subjects held, for metrics. */
    public int size() {
        return subjects.size();
    }
}
