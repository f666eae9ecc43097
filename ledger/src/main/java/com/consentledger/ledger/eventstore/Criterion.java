package com.consentledger.ledger.eventstore;

import java.util.Set;

/**
 * Events carrying all of {@code tags} and, unless {@code types} is empty, of one of {@code types}.
 * A type is a versioned name ({@code ConsentGranted.v1}: that version only) or a bare name
 * ({@code ConsentGranted}: every version, as Axon names types). A criterion must name at least one
 * tag: tags are what conditional writers lock on.
 */
public record Criterion(Set<String> tags, Set<String> types) {

    public Criterion {
        tags = Set.copyOf(tags);
        types = Set.copyOf(types);
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("a criterion needs at least one tag");
        }
    }

    public static Criterion tagged(String... tags) {
        return new Criterion(Set.of(tags), Set.of());
    }

    public Criterion ofTypes(String... eventTypes) {
        return new Criterion(tags, Set.of(eventTypes));
    }

    public boolean matches(String type, Set<String> eventTags) {
        return eventTags.containsAll(tags) && admits(type);
    }

    /** Whether events of {@code type} can match: no types named, or that version, or its bare name. */
    public boolean admits(String type) {
        return types.isEmpty() || types.contains(type) || types.contains(unversioned(type));
    }

    /** {@code ConsentGranted.v1} → {@code ConsentGranted}; the SQL twin is {@code split_part(type, '.', 1)}. */
    static String unversioned(String type) {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }
}
