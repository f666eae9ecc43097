package com.consentledger.projections.consent;

import java.time.Instant;

/**
 * One bitemporal row: the change at {@code position} decides {@code key} over valid time
 * [{@code validFrom}, {@code validTo}) as known over transaction time [{@code recordedFrom},
 * {@code recordedTo}); a {@code null} upper bound is open (infinity).
 */
public record HistoryRow(String subjectId, String key, Instant validFrom, Instant validTo, Instant recordedFrom,
                         Instant recordedTo, long position) {

    public boolean covers(Instant asOf, Instant knownAt) {
        return !validFrom.isAfter(asOf) && (validTo == null || asOf.isBefore(validTo))
                && !recordedFrom.isAfter(knownAt) && (recordedTo == null || knownAt.isBefore(recordedTo));
    }
}
