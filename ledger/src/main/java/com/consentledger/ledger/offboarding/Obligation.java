package com.consentledger.ledger.offboarding;

import com.consentledger.ledger.events.ErasureRequested;
import com.consentledger.ledger.subject.SubjectHistory;
import com.consentledger.ledger.events.KebabCaseValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A deadline the company owes a subject (rules 6 and 7): deactivation after offboarding, or an erasure
 * request's answer. {@code metAt} is when it was fulfilled, or {@code null}.
 */
public record Obligation(String subjectId, Kind kind, Instant startedAt, Instant dueAt, Instant metAt) {

    public enum Kind implements KebabCaseValue {
        DEACTIVATION, ERASURE
    }

    public enum Status implements KebabCaseValue {
        PENDING, MET, LATE
    }

    /** Met in time, pending before the deadline, late when met after it or still open past it. */
    public Status statusAt(Instant now) {
        if (metAt != null) {
            return metAt.isBefore(dueAt) ? Status.MET : Status.LATE;
        }
        return now.isBefore(dueAt) ? Status.PENDING : Status.LATE;
    }

    /** Every obligation the subject's history has started, fulfilled or not. */
    public static List<Obligation> of(SubjectHistory subject) {
        List<Obligation> obligations = new ArrayList<>();
        subject.offboarding().ifPresent(offboarded -> obligations.add(new Obligation(subject.subjectId(),
                Kind.DEACTIVATION, offboarded.occurredAt(), offboarded.deactivationDueAt(),
                subject.deactivation().map(deactivated -> deactivated.occurredAt()).orElse(null))));
        for (ErasureRequested request : subject.erasureRequests()) {
            obligations.add(new Obligation(subject.subjectId(), Kind.ERASURE, request.occurredAt(), request.dueAt(),
                    subject.erasure().filter(erased -> erased.requestId().equals(request.requestId()))
                            .map(erased -> erased.occurredAt()).orElse(null)));
        }
        return obligations;
    }
}
