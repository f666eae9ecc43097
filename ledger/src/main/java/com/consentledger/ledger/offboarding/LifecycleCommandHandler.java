package com.consentledger.ledger.offboarding;

import com.consentledger.ledger.calendar.WorkingDayCalendar;
import com.consentledger.ledger.events.Decision;
import com.consentledger.ledger.subject.SubjectEntity;
import org.axonframework.messaging.commandhandling.annotation.CommandHandler;
import org.axonframework.messaging.eventhandling.gateway.EventAppender;
import org.axonframework.modelling.annotation.InjectEntity;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Offboarding, deactivation and erasure requests. */
public final class LifecycleCommandHandler {

    private final Clock clock;
    private final Supplier<UUID> ids;
    private final WorkingDayCalendar calendar;

    public LifecycleCommandHandler(Clock clock, Supplier<UUID> ids, WorkingDayCalendar calendar) {
        this.clock = clock;
        this.ids = ids;
        this.calendar = calendar;
    }

    @CommandHandler
    public Decision handle(OffboardSubject command, @InjectEntity SubjectEntity subject, EventAppender appender) {
        return Decision.append(appender, ids, List.of(
                LifecycleDecisions.offboard(command, subject.history(), clock.instant(), calendar)));
    }

    @CommandHandler
    public Decision handle(DeactivateSubject command, @InjectEntity SubjectEntity subject, EventAppender appender) {
        return Decision.append(appender, ids, List.of(
                LifecycleDecisions.deactivate(command, subject.history(), clock.instant())));
    }

    @CommandHandler
    public Decision handle(RequestErasure command, @InjectEntity SubjectEntity subject, EventAppender appender) {
        return Decision.append(appender, ids, List.of(
                LifecycleDecisions.requestErasure(command, subject.history(), clock.instant(), ids)));
    }

    @CommandHandler
    public Decision handle(CompleteErasure command, @InjectEntity SubjectEntity subject, EventAppender appender) {
        return Decision.append(appender, ids, List.of(
                LifecycleDecisions.completeErasure(command, subject.history(), clock.instant())));
    }
}
