package com.consentledger.ledger.subject;

import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.ConsentWithdrawn;
import com.consentledger.ledger.events.ErasureRequested;
import com.consentledger.ledger.events.LedgerEvent;
import com.consentledger.ledger.events.SubjectDeactivated;
import com.consentledger.ledger.events.SubjectErased;
import com.consentledger.ledger.events.SubjectEvent;
import com.consentledger.ledger.events.SubjectOffboarded;
import com.consentledger.ledger.events.TypedCriteria;
import org.axonframework.eventsourcing.annotation.EventCriteriaBuilder;
import org.axonframework.eventsourcing.annotation.EventSourcedEntity;
import org.axonframework.eventsourcing.annotation.EventSourcingHandler;
import org.axonframework.eventsourcing.annotation.reflection.EntityCreator;
import org.axonframework.eventsourcing.annotation.reflection.InjectEntityId;
import com.consentledger.ledger.eventstore.axon.ReadMetadata;
import org.axonframework.messaging.core.annotation.MetadataValue;
import org.axonframework.messaging.eventstreaming.EventCriteria;

/**
 * A subject as Axon sources it for a decision: tag {@code subjectId}, restricted to the types that shape its
 * state so that its (many) access records are neither read nor part of the conflict check. Positions come
 * from {@link ReadMetadata#POSITION} when the engine is ours (absent with Axon's in-memory engine).
 */
@EventSourcedEntity(tagKey = SubjectEvent.TAG)
public final class SubjectEntity {

    private SubjectHistory history;

    @EntityCreator
    public SubjectEntity(@InjectEntityId String subjectId) {
        this.history = SubjectHistory.empty(subjectId);
    }

    @EventCriteriaBuilder
    public static EventCriteria criteria(String subjectId) {
        return TypedCriteria.of(SubjectEvent.TAG, subjectId, SubjectHistory.STATE_EVENTS);
    }

    @EventSourcingHandler
    void on(ConsentGranted event, @MetadataValue(ReadMetadata.POSITION) String position) {
        evolve(event, position);
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event, @MetadataValue(ReadMetadata.POSITION) String position) {
        evolve(event, position);
    }

    @EventSourcingHandler
    void on(SubjectOffboarded event, @MetadataValue(ReadMetadata.POSITION) String position) {
        evolve(event, position);
    }

    @EventSourcingHandler
    void on(SubjectDeactivated event, @MetadataValue(ReadMetadata.POSITION) String position) {
        evolve(event, position);
    }

    @EventSourcingHandler
    void on(ErasureRequested event, @MetadataValue(ReadMetadata.POSITION) String position) {
        evolve(event, position);
    }

    @EventSourcingHandler
    void on(SubjectErased event, @MetadataValue(ReadMetadata.POSITION) String position) {
        evolve(event, position);
    }

    private void evolve(LedgerEvent event, String position) {
        history = history.evolve(event, position == null ? null : Long.valueOf(position));
    }

    public SubjectHistory history() {
        return history;
    }
}
