package com.consentledger.ledger.events;

import java.time.Instant;

/**
 * Every fact the ledger records (DESIGN.md §3). Each is stored under the versioned type name of its
 * {@code @Event} annotation ({@code ConsentGranted.v1}), never under a Java class name; fields may be added,
 * never renamed.
 */
public sealed interface LedgerEvent permits PolicyVersionPublished, ConsentGranted, ConsentWithdrawn, DataAccessed,
        SubjectOffboarded, SubjectDeactivated, ErasureRequested, SubjectErased {

    /** Axon's namespace for our event types; the stored name leaves it out. */
    String NAMESPACE = "consentledger";

    /** When it happened in the world (valid time); the store adds when it was recorded. */
    Instant occurredAt();
}
