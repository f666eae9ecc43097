package com.consentledger.api.http;

import com.consentledger.ledger.rules.Rule;
import com.consentledger.ledger.rules.RuleViolation;
import com.consentledger.ledger.application.ConsentStateView;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** "policyId may be omitted when the ledger holds one policy" (DESIGN.md §4). */
public final class PolicyChoice {

    private final ConsentStateView view;

    public PolicyChoice(ConsentStateView view) {
        this.view = view;
    }

    public CompletionStage<String> resolve(String given) {
        if (given != null) {
            return CompletableFuture.completedFuture(given);
        }
        return view.policyIds().thenApply(PolicyChoice::onlyOne);
    }

    private static String onlyOne(Set<String> policies) {
        if (policies.size() == 1) {
            return policies.iterator().next();
        }
        if (policies.isEmpty()) {
            throw RuleViolation.of(Rule.POLICY_UNKNOWN, "the ledger holds no policy yet");
        }
        throw RuleViolation.invalid("policyId", "the ledger holds " + policies.size() + " policies: name one");
    }
}
