package com.consentledger.loadtests;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Every accessId the service acknowledged, kept as two longs per UUID in chunks allocated once. A set of strings
 * grew by about 130 bytes per id: a full rush's 458,000 ids were most of what survived the generator's young
 * collections, and its pauses (counted as response time) grew with them to 24-67 ms. An id that is not a UUID
 * is kept as it came, in a set. Thread-safe; {@link #writeTo} once the recording is over.
 */
final class AcknowledgedIds {

    private static final int CHUNK_BITS = 16;
    private static final int CHUNK_IDS = 1 << CHUNK_BITS;
    private static final int MAX_CHUNKS = 1 << 12;

    /** Chunk i holds ids i * CHUNK_IDS onwards, as (most, least) significant bits; created by the first to need it. */
    private final AtomicReferenceArray<long[]> chunks = new AtomicReferenceArray<>(MAX_CHUNKS);
    private final AtomicInteger claimed = new AtomicInteger();
    /** Slots filled so far: once it equals {@link #claimed}, every id is in its chunk (and visible). */
    private final AtomicInteger filled = new AtomicInteger();
    private final Set<String> others = ConcurrentHashMap.newKeySet();

    void add(String accessId) {
        UUID uuid;
        try {
            uuid = UUID.fromString(accessId);
        } catch (IllegalArgumentException notUuid) {
            others.add(accessId);
            return;
        }
        if (!uuid.toString().equals(accessId)) {
            // UUID.fromString also reads forms it would not print (upper case, short groups): keep the id as sent
            others.add(accessId);
            return;
        }
        int slot = claimed.getAndIncrement();
        int chunkIndex = slot >>> CHUNK_BITS;
        if (chunkIndex >= MAX_CHUNKS) {
            throw new IllegalStateException("more than " + (long) MAX_CHUNKS * CHUNK_IDS + " acknowledged ids");
        }
        long[] chunk = chunkAt(chunkIndex);
        int offset = (slot & (CHUNK_IDS - 1)) * 2;
        chunk[offset] = uuid.getMostSignificantBits();
        chunk[offset + 1] = uuid.getLeastSignificantBits();
        filled.incrementAndGet();
    }

    private long[] chunkAt(int index) {
        long[] chunk = chunks.get(index);
        if (chunk == null) {
            chunks.compareAndSet(index, null, new long[CHUNK_IDS * 2]);
            chunk = chunks.get(index);
        }
        return chunk;
    }

    /**
     * Writes every id once, one per line. Call after the last {@link #add}: the ids are read without a lock, and
     * an id whose slot was claimed but not yet written would be missing, so that is refused.
     */
    void writeTo(Path file) throws IOException {
        int count = claimed.get();
        if (filled.get() != count) {
            throw new IllegalStateException(count - filled.get() + " ids are still being recorded");
        }
        UUID[] uuids = new UUID[count];
        for (int slot = 0; slot < count; slot++) {
            long[] chunk = chunks.get(slot >>> CHUNK_BITS);
            int offset = (slot & (CHUNK_IDS - 1)) * 2;
            uuids[slot] = new UUID(chunk[offset], chunk[offset + 1]);
        }
        // the runner's look-up table has the id as its key: a repeated id is written once, as the set did
        Arrays.sort(uuids);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            UUID previous = null;
            for (UUID uuid : uuids) {
                if (!uuid.equals(previous)) {
                    out.write(uuid.toString());
                    out.newLine();
                }
                previous = uuid;
            }
            for (String other : others) {
                out.write(other);
                out.newLine();
            }
        }
    }
}
