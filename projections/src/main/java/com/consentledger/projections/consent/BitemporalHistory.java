package com.consentledger.projections.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes the bitemporal rows of one key from all its changes, as a pure function. For every instant at
 * which the ledger's knowledge changed (each distinct {@code recordedAt}), the valid-time timeline is the
 * replay's rule: at T the change with the latest {@code occurredAt} at or before T decides, ties going to
 * the higher position. A row lives in transaction time for as long as its interval and change stay the same.
 * Recomputing the whole key keeps late arrivals (a grant made offline on Monday, recorded on Tuesday) and
 * commits whose recordedAt order differs from their commit order simple and exact.
 */
public final class BitemporalHistory {

    private BitemporalHistory() {
    }

    private record Interval(Instant validFrom, Instant validTo, long position) {
    }

    public static List<HistoryRow> rows(String subjectId, String key, List<ConsentChange> changes) {
        List<HistoryRow> rows = new ArrayList<>();
        Map<Interval, Instant> open = new LinkedHashMap<>();
        for (Instant epoch : new TreeSet<>(changes.stream().map(ConsentChange::recordedAt).toList())) {
            List<Interval> timeline = timeline(changes.stream().filter(change -> !change.recordedAt().isAfter(epoch)).toList());
            // a set: a list's contains made every epoch cost open × timeline, cubic in a key's changes
            Set<Interval> current = new HashSet<>(timeline);
            for (var iterator = open.entrySet().iterator(); iterator.hasNext(); ) {
                var entry = iterator.next();
                if (!current.contains(entry.getKey())) {
                    rows.add(row(subjectId, key, entry.getKey(), entry.getValue(), epoch));
                    iterator.remove();
                }
            }
            timeline.forEach(interval -> open.putIfAbsent(interval, epoch));
        }
        open.forEach((interval, recordedFrom) -> rows.add(row(subjectId, key, interval, recordedFrom, null)));
        return rows;
    }

    /** Valid-time intervals of the known changes: each distinct occurredAt starts one, decided by its last position. */
    private static List<Interval> timeline(List<ConsentChange> known) {
        List<ConsentChange> sorted = new ArrayList<>(known);
        sorted.sort(Comparator.comparing(ConsentChange::occurredAt).thenComparingLong(ConsentChange::position));
        List<Interval> intervals = new ArrayList<>();
        for (int index = 0; index < sorted.size(); index++) {
            ConsentChange change = sorted.get(index);
            boolean lastAtItsInstant = index + 1 == sorted.size()
                    || !sorted.get(index + 1).occurredAt().equals(change.occurredAt());
            if (lastAtItsInstant) {
                Instant until = index + 1 == sorted.size() ? null : sorted.get(index + 1).occurredAt();
                intervals.add(new Interval(change.occurredAt(), until, change.position()));
            }
        }
        return intervals;
    }

    private static HistoryRow row(String subjectId, String key, Interval interval, Instant recordedFrom,
                                  Instant recordedTo) {
        Objects.requireNonNull(recordedFrom);
        return new HistoryRow(subjectId, key, interval.validFrom(), interval.validTo(), recordedFrom, recordedTo,
                interval.position());
    }
}
