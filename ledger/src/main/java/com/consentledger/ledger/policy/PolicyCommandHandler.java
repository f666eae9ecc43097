package com.consentledger.ledger.policy;

import com.consentledger.ledger.events.Decision;
import org.axonframework.messaging.commandhandling.annotation.CommandHandler;
import org.axonframework.messaging.eventhandling.gateway.EventAppender;
import org.axonframework.modelling.annotation.InjectEntity;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Publishes policy versions. */
public final class PolicyCommandHandler {

    private final Clock clock;
    private final Supplier<UUID> ids;

    public PolicyCommandHandler(Clock clock, Supplier<UUID> ids) {
        this.clock = clock;
        this.ids = ids;
    }

    @CommandHandler
    public Decision handle(PublishPolicyVersion command, @InjectEntity PolicyCatalogue catalogue,
                           EventAppender appender) {
        return Decision.append(appender, ids, List.of(
                PolicyDecisions.publish(command, catalogue.history(), clock.instant())));
    }
}
