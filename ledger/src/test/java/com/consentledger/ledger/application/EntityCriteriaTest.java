package com.consentledger.ledger.application;

import org.axonframework.eventsourcing.annotation.EventCriteriaBuilder;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every entity builds criteria that name its event types, and never the access records: the tag index leaves
 * those out (V009), so an untyped criterion scans the whole ledger on every decision. (The policy catalogue
 * once sourced by its tag alone, and seeding 20,000 demo employees slowed to a crawl.)
 */
class EntityCriteriaTest {

    @Test
    void every_entity_sources_by_its_tag_and_its_own_event_types() throws Exception {
        for (Class<?> entity : LedgerDomain.ENTITIES) {
            Method builder = Arrays.stream(entity.getDeclaredMethods())
                    .filter(method -> method.isAnnotationPresent(EventCriteriaBuilder.class))
                    .filter(method -> Modifier.isStatic(method.getModifiers()))
                    .findFirst().orElseThrow(() -> new AssertionError(entity.getSimpleName() + " has no @EventCriteriaBuilder"));
            EventCriteria criteria = (EventCriteria) builder.invoke(null, "any-id");

            assertThat(criteria.flatten()).as(entity.getSimpleName()).isNotEmpty().allSatisfy(criterion -> {
                assertThat(criterion.tags()).isNotEmpty();
                assertThat(criterion.types()).isNotEmpty()
                        .noneSatisfy(type -> assertThat(type.localName()).isEqualTo("DataAccessed"));
            });
        }
    }
}
