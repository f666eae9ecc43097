package com.consentledger.projections.consent;

import com.consentledger.ledger.application.Histories;
import com.consentledger.ledger.consent.ConsentEvaluation;
import com.consentledger.ledger.consent.PurposeStatus;
import com.consentledger.ledger.events.EventCatalogue;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.eventstore.Criterion;
import com.consentledger.ledger.eventstore.EventStore;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.ledger.subject.SubjectHistory;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

/**
 * The independent path to a point-in-time answer: fold the subject's raw events recorded by {@code knownAt}
 * and the policy versions recorded by then, and ask the domain. It exists to check the projection.
 */
public final class Replay {

    private final EventStore store;

    public Replay(EventStore store) {
        this.store = store;
    }

    public Future<List<PurposeStatus>> statesAt(String subjectId, String policyId, Instant asOf, Instant knownAt) {
        Future<SubjectHistory> subject = store.readSubjectRecordedBy(subjectId, knownAt)
                .map(events -> Histories.subject(subjectId, events));
        Future<PolicyHistory> policy = store.source(List.of(Criterion.tagged(PolicyVersionPublished.TAG + "=" + policyId)
                        .ofTypes(EventCatalogue.LEDGER.typeName(PolicyVersionPublished.class))))
                .map(sourced -> Histories.policy(policyId, sourced.events(), knownAt));
        return Future.all(subject, policy).map(both -> ConsentEvaluation.statesAt(subject.result(), policy.result(), asOf));
    }
}
