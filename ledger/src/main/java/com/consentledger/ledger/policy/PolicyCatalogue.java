package com.consentledger.ledger.policy;

import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.events.TypedCriteria;
import org.axonframework.eventsourcing.annotation.EventCriteriaBuilder;
import org.axonframework.eventsourcing.annotation.EventSourcedEntity;
import org.axonframework.eventsourcing.annotation.EventSourcingHandler;
import org.axonframework.eventsourcing.annotation.reflection.EntityCreator;
import org.axonframework.eventsourcing.annotation.reflection.InjectEntityId;
import org.axonframework.messaging.eventstreaming.EventCriteria;

import java.util.List;

/** A policy's versions as Axon sources them (tag {@code policyId}); the rules live in {@link PolicyHistory}. */
@EventSourcedEntity(tagKey = PolicyVersionPublished.TAG)
public final class PolicyCatalogue {

    private PolicyHistory history;

    @EntityCreator
    public PolicyCatalogue(@InjectEntityId String policyId) {
        this.history = PolicyHistory.empty(policyId);
    }

    @EventCriteriaBuilder
    public static EventCriteria criteria(String policyId) {
        return TypedCriteria.of(PolicyVersionPublished.TAG, policyId, List.of(PolicyVersionPublished.class));
    }

    @EventSourcingHandler
    void evolve(PolicyVersionPublished published) {
        history = history.evolve(published);
    }

    public PolicyHistory history() {
        return history;
    }
}
