package com.consentledger.ledger.application;

import com.consentledger.ledger.access.AccessCommandHandler;
import com.consentledger.ledger.calendar.WorkingDayCalendar;
import com.consentledger.ledger.consent.ConsentCommandHandler;
import com.consentledger.ledger.events.LedgerJson;
import com.consentledger.ledger.eventstore.axon.RememberedMessageTypes;
import com.consentledger.ledger.offboarding.LifecycleCommandHandler;
import com.consentledger.ledger.policy.PolicyCatalogue;
import com.consentledger.ledger.policy.PolicyCommandHandler;
import com.consentledger.ledger.subject.SubjectEntity;
import org.axonframework.conversion.Converter;
import org.axonframework.conversion.json.JacksonConverter;
import org.axonframework.eventsourcing.configuration.EventSourcedEntityModule;
import org.axonframework.eventsourcing.configuration.EventSourcingConfigurer;
import org.axonframework.messaging.commandhandling.configuration.CommandHandlingModule;
import org.axonframework.messaging.core.MessageTypeResolver;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The consent domain wired into Axon: entities, command handlers and the JSON mapping of events. Time, ids and
 * the working-day calendar are injected; the caller adds the storage engine (PostgreSQL in the service, Axon's
 * in-memory one in given/when/then tests).
 */
public final class LedgerDomain {

    /** The event-sourced entities, each identified by a string and sourced by the criteria it builds. */
    public static final List<Class<?>> ENTITIES = List.of(SubjectEntity.class, PolicyCatalogue.class);

    private LedgerDomain() {
    }

    public static EventSourcingConfigurer configurer(Clock clock, Supplier<UUID> ids, WorkingDayCalendar calendar) {
        EventSourcingConfigurer configurer = EventSourcingConfigurer.create()
                .componentRegistry(registry -> registry.registerComponent(Converter.class,
                        configuration -> new JacksonConverter(LedgerJson.MAPPER))
                        .registerDecorator(MessageTypeResolver.class, 0,
                                (configuration, name, resolver) -> new RememberedMessageTypes(resolver)));
        ENTITIES.forEach(entity -> configurer.registerEntity(EventSourcedEntityModule.autodetected(String.class, entity)));
        return configurer.registerCommandHandlingModule(CommandHandlingModule.named("consent-ledger").commandHandlers()
                        .annotatedCommandHandlingComponent(configuration -> new PolicyCommandHandler(clock, ids))
                        .annotatedCommandHandlingComponent(configuration -> new ConsentCommandHandler(clock, ids))
                        .annotatedCommandHandlingComponent(configuration -> new LifecycleCommandHandler(clock, ids, calendar))
                        .annotatedCommandHandlingComponent(configuration -> new AccessCommandHandler(clock)));
    }
}
