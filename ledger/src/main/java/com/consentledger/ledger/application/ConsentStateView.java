package com.consentledger.ledger.application;

import com.consentledger.ledger.events.LedgerEvent;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.ledger.subject.SubjectHistory;

import java.util.concurrent.CompletionStage;

/**
 * The current consent state the access path decides on, kept off the database. Asynchronous and keyed by id
 * only, so a distributed implementation (a Hazelcast map with near cache) can stand in for the local one.
 * Fed twice on purpose: by the writing node right after its commit (a grant counts at the very next
 * clock-in) and by the event stream (everything else); applying an event twice changes nothing.
 */
public interface ConsentStateView {

    /** What the view knows of the subject: its consent and lifecycle events, in position order. */
    CompletionStage<SubjectHistory> subject(String subjectId);

    /** The ids of every policy the view knows. */
    CompletionStage<java.util.Set<String>> policyIds();

    /** Every version of the policy the view knows. */
    CompletionStage<PolicyHistory> policy(String policyId);

    /** Applies a committed event at its store position; events that do not shape state are ignored. */
    CompletionStage<Void> apply(LedgerEvent event, long position);
}
