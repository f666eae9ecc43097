package com.consentledger.ledger.eventstore;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.UUIDClock;
import com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Ids for new events and the records they name (access ids, consent ids): version 7 UUIDs, whose first 48 bits
 * are the millisecond of {@code clock} and whose other 74 are random (from a {@link SecureRandom}, as the 122 of
 * {@link UUID#randomUUID()} are).
 * <p>
 * Why not random ids: every event's id goes into the unique index on {@code ledger.events.event_id}. Random ids
 * land anywhere in it, so once the index outgrows memory every append reads and dirties a page of its own (and
 * writes it whole to the WAL after each checkpoint); ids that grow with time all land at its right edge, beside
 * each other, as the table's other indexes already do. With 3 million rows (an index that still fits in memory)
 * this machine measured no difference beyond its noise (docs/benchmarks.md); the gain is for the ledger that
 * outgrows memory, and it costs nothing. Ids stay unique across nodes without coordination (74 random bits per
 * millisecond); only their order within one millisecond is arbitrary.
 */
public final class TimeOrderedIds implements Supplier<UUID> {

    private final TimeBasedEpochRandomGenerator generator;

    public TimeOrderedIds(Clock clock) {
        this.generator = Generators.timeBasedEpochRandomGenerator(new SecureRandom(), new UUIDClock() {
            @Override
            public long currentTimeMillis() {
                return clock.millis();
            }
        });
    }

    @Override
    public UUID get() {
        return generator.generate();
    }
}
