package com.consentledger.projections.consent;

import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.ConsentWithdrawn;
import com.consentledger.ledger.events.LedgerEvent;
import com.consentledger.ledger.events.SubjectDeactivated;
import com.consentledger.ledger.events.SubjectErased;
import com.consentledger.ledger.subject.Recorded;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A fact that decides one key of a subject's state over valid time: a grant or withdrawal of a purpose, or
 * the subject's deactivation ({@link #DEACTIVATED_KEY}) or erasure ({@link #ERASED_KEY}). Purpose ids start
 * with a letter or digit, so the {@code @} keys cannot clash with them.
 */
public record ConsentChange(String subjectId, String key, long position, String change, Instant occurredAt,
                            Instant recordedAt, String consentId, String policyId, String policyVersion,
                            List<String> recipients, boolean bundled) {

    public static final String DEACTIVATED_KEY = "@deactivated";
    public static final String ERASED_KEY = "@erased";

    public ConsentChange {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** The change an event makes, if it makes one. */
    public static Optional<ConsentChange> of(LedgerEvent event, long position, Instant recordedAt) {
        return switch (event) {
            case ConsentGranted granted -> Optional.of(new ConsentChange(granted.subjectId(), granted.purpose(), position,
                    "granted", granted.occurredAt(), recordedAt, granted.consentId(), granted.policyId(),
                    granted.policyVersion(), granted.recipients(), granted.bundled()));
            case ConsentWithdrawn withdrawn -> Optional.of(new ConsentChange(withdrawn.subjectId(), withdrawn.purpose(),
                    position, "withdrawn", withdrawn.occurredAt(), recordedAt, null, null, null, List.of(), false));
            case SubjectDeactivated deactivated -> Optional.of(new ConsentChange(deactivated.subjectId(), DEACTIVATED_KEY,
                    position, "deactivated", deactivated.occurredAt(), recordedAt, null, null, null, List.of(), false));
            case SubjectErased erased -> Optional.of(new ConsentChange(erased.subjectId(), ERASED_KEY, position, "erased",
                    erased.occurredAt(), recordedAt, erased.requestId(), null, null, List.of(), false));
            default -> Optional.empty();
        };
    }

    /** The change as the event a subject's history holds, enough for every question asked of that history. */
    public Recorded toRecorded() {
        LedgerEvent event = switch (change) {
            case "granted" -> new ConsentGranted(subjectId, consentId, key, policyId, policyVersion, recipients, null,
                    null, bundled, occurredAt);
            case "withdrawn" -> new ConsentWithdrawn(subjectId, key, null, null, occurredAt);
            case "deactivated" -> new SubjectDeactivated(subjectId, occurredAt);
            case "erased" -> new SubjectErased(subjectId, consentId, occurredAt);
            default -> throw new IllegalStateException("unknown change " + change);
        };
        return new Recorded(event, position);
    }
}
