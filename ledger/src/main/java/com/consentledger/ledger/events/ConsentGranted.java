package com.consentledger.ledger.events;

import org.axonframework.eventsourcing.annotation.EventTag;
import org.axonframework.messaging.eventhandling.annotation.Event;

import java.time.Instant;
import java.util.List;

/**
 * A subject consented to one purpose under the policy version they saw.
 *
 * @param consentId  names this consent, so an access can cite it as its basis
 * @param recipients the third parties the consent names
 * @param bundled    given through "accept all" rather than for this purpose alone
 */
@Event(namespace = LedgerEvent.NAMESPACE, name = "ConsentGranted", version = "1")
public record ConsentGranted(@EventTag(key = SubjectEvent.TAG) String subjectId, String consentId, String purpose,
                             String policyId, String policyVersion, List<String> recipients, String channel,
                             Evidence evidence, boolean bundled, Instant occurredAt)
        implements LedgerEvent, SubjectEvent {

    public ConsentGranted {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
