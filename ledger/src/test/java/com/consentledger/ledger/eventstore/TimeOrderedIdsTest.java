package com.consentledger.ledger.eventstore;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTest {

    private static final Instant NINE = Instant.parse("2026-11-30T09:00:00.123Z");

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void an_id_is_a_version_7_uuid_carrying_the_clocks_millisecond() {
        UUID id = new TimeOrderedIds(at(NINE)).get();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NINE.toEpochMilli());
    }

    @Test
    void ids_of_a_later_millisecond_sort_after_in_the_stores_byte_order() {
        // PostgreSQL orders uuid values byte by byte, unsigned: the order of their canonical text
        String earlier = new TimeOrderedIds(at(NINE)).get().toString();
        String later = new TimeOrderedIds(at(NINE.plusMillis(1))).get().toString();
        String muchLater = new TimeOrderedIds(at(NINE.plusSeconds(86_400L * 365 * 50))).get().toString();

        assertThat(earlier).isLessThan(later);
        assertThat(later).isLessThan(muchLater);
    }

    @Test
    void ids_of_the_same_millisecond_are_distinct() {
        TimeOrderedIds ids = new TimeOrderedIds(at(NINE));
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(ids.get());
        }
        assertThat(seen).hasSize(100_000);
    }
}
