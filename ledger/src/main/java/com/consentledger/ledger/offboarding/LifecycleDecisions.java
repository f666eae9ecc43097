package com.consentledger.ledger.offboarding;

import com.consentledger.ledger.calendar.WorkingDayCalendar;
import com.consentledger.ledger.events.ErasureRequested;
import com.consentledger.ledger.events.SubjectDeactivated;
import com.consentledger.ledger.events.SubjectErased;
import com.consentledger.ledger.events.SubjectOffboarded;
import com.consentledger.ledger.rules.Require;
import com.consentledger.ledger.rules.Rule;
import com.consentledger.ledger.rules.RuleViolation;
import com.consentledger.ledger.subject.SubjectHistory;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/** Rule 6 and 7: offboarding, deactivation and erasure requests, with their deadlines. */
public final class LifecycleDecisions {

    /** "The account is deactivated within 3 working days" of the employee leaving. */
    public static final int DEACTIVATION_WORKING_DAYS = 3;
    /** "Requests from a person are answered within 15 days" (calendar days). */
    public static final Duration ERASURE_DEADLINE = Duration.ofDays(15);

    private LifecycleDecisions() {
    }

    public static SubjectOffboarded offboard(OffboardSubject command, SubjectHistory subject, Instant now,
                                             WorkingDayCalendar calendar) {
        Require.identifier("subjectId", command.subjectId());
        Instant leftAt = Require.notInFuture("leftAt", command.leftAt(), now);
        requireNotErased(subject);
        if (subject.offboarding().isPresent()) {
            throw RuleViolation.of(Rule.ALREADY_OFFBOARDED, "subject " + subject.subjectId() + " left at "
                    + subject.offboarding().get().occurredAt());
        }
        return new SubjectOffboarded(command.subjectId(), leftAt,
                calendar.deadlineAfter(leftAt, DEACTIVATION_WORKING_DAYS));
    }

    public static SubjectDeactivated deactivate(DeactivateSubject command, SubjectHistory subject, Instant now) {
        Require.identifier("subjectId", command.subjectId());
        Instant occurredAt = Require.occurredAt("occurredAt", command.occurredAt(), now);
        requireNotErased(subject);
        if (subject.deactivation().isPresent()) {
            throw RuleViolation.of(Rule.ALREADY_DEACTIVATED, "subject " + subject.subjectId() + " was deactivated at "
                    + subject.deactivation().get().occurredAt());
        }
        return new SubjectDeactivated(command.subjectId(), occurredAt);
    }

    public static ErasureRequested requestErasure(RequestErasure command, SubjectHistory subject, Instant now,
                                                  Supplier<UUID> ids) {
        Require.identifier("subjectId", command.subjectId());
        Require.identifier("requestedBy", command.requestedBy());
        Instant occurredAt = Require.occurredAt("occurredAt", command.occurredAt(), now);
        requireNotErased(subject);
        subject.openErasureRequest().ifPresent(open -> {
            throw RuleViolation.of(Rule.ERASURE_ALREADY_REQUESTED, "erasure of " + subject.subjectId()
                    + " was already requested at " + open.occurredAt() + ", due " + open.dueAt());
        });
        return new ErasureRequested(command.subjectId(), ids.get().toString(), command.requestedBy(), occurredAt,
                occurredAt.plus(ERASURE_DEADLINE));
    }

    public static SubjectErased completeErasure(CompleteErasure command, SubjectHistory subject, Instant now) {
        Require.identifier("subjectId", command.subjectId());
        Instant occurredAt = Require.occurredAt("occurredAt", command.occurredAt(), now);
        ErasureRequested open = subject.openErasureRequest().orElseThrow(() -> RuleViolation.of(
                Rule.NO_ERASURE_REQUESTED, "no erasure of " + subject.subjectId() + " is pending"));
        return new SubjectErased(command.subjectId(), open.requestId(), occurredAt);
    }

    private static void requireNotErased(SubjectHistory subject) {
        if (subject.erasure().isPresent()) {
            throw RuleViolation.of(Rule.SUBJECT_ERASED, "subject " + subject.subjectId() + " was erased");
        }
    }

}
