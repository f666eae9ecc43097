package com.consentledger.ledger.eventstore;

import java.util.List;
import java.util.Set;

/** Whether an append must check that nothing relevant happened since the decision was made. */
public sealed interface AppendCondition {

    /** Blind append: for facts that need no check, such as {@code DataAccessed}. */
    static AppendCondition none() {
        return None.INSTANCE;
    }

    /** Fails when an event matching any of the criteria was committed that the marker could not see. */
    static AppendCondition unchangedSince(ConsistencyMarker marker, List<Criterion> criteria) {
        return new UnchangedSince(marker, criteria);
    }

    enum None implements AppendCondition { INSTANCE }

    record UnchangedSince(ConsistencyMarker marker, List<Criterion> criteria) implements AppendCondition {
        public UnchangedSince {
            criteria = List.copyOf(criteria);
            if (criteria.isEmpty()) {
                throw new IllegalArgumentException("a conditional append needs at least one criterion");
            }
        }

        boolean matchesAny(String type, Set<String> tags) {
            return criteria.stream().anyMatch(criterion -> criterion.matches(type, tags));
        }
    }
}
