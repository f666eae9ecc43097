package com.consentledger.ledger.access;

import java.time.Instant;
import java.util.List;

/** A processor asks to use a subject's data for a purpose at an instant. */
public record AccessRequest(String subjectId, String purpose, List<String> dataCategories, String processor,
                            Instant occurredAt) {

    public AccessRequest {
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
    }
}
