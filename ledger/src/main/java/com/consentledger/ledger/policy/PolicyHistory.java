package com.consentledger.ledger.policy;

import com.consentledger.ledger.events.PolicyVersionPublished;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every published version of one policy, in publication order, which is also effective order (publishing
 * enforces it). Archived versions stay: consents cite the version the person saw.
 */
public record PolicyHistory(String policyId, List<PolicyVersionPublished> versions) {

    public PolicyHistory {
        versions = List.copyOf(versions);
    }

    public static PolicyHistory empty(String policyId) {
        return new PolicyHistory(policyId, List.of());
    }

    public PolicyHistory evolve(PolicyVersionPublished published) {
        List<PolicyVersionPublished> next = new ArrayList<>(versions);
        next.add(published);
        return new PolicyHistory(policyId, next);
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }

    public Optional<PolicyVersionPublished> latest() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
    }

    public Optional<PolicyVersionPublished> version(String version) {
        return versions.stream().filter(published -> published.version().equals(version)).findFirst();
    }

    /** The version in effect at {@code instant}: the last one whose {@code effectiveAt} is not after it. */
    public Optional<PolicyVersionPublished> effectiveAt(Instant instant) {
        PolicyVersionPublished effective = null;
        for (PolicyVersionPublished published : versions) {
            if (published.effectiveAt().isAfter(instant)) {
                break;
            }
            effective = published;
        }
        return Optional.ofNullable(effective);
    }

    /** Whether any version, archived ones included, defines the purpose. */
    public boolean knowsPurpose(String purposeId) {
        return versions.stream().anyMatch(published -> published.purpose(purposeId).isPresent());
    }

    /**
     * The major version, published after {@code grantedUnder} and in effect by {@code instant}, that lists the
     * purpose as affected (rule 4): a consent given under {@code grantedUnder} no longer authorises access.
     * A version this history does not hold demands reconsent from its start: the consent cannot be trusted.
     */
    public Optional<PolicyVersionPublished> reconsentDemandedBy(String purposeId, String grantedUnder, Instant instant) {
        int grantedIndex = indexOf(grantedUnder);
        if (grantedIndex < 0) {
            return effectiveAt(instant);
        }
        for (int index = grantedIndex + 1; index < versions.size(); index++) {
            PolicyVersionPublished later = versions.get(index);
            if (later.effectiveAt().isAfter(instant)) {
                break;
            }
            if (later.major() && later.affectedPurposes().contains(purposeId)) {
                return Optional.of(later);
            }
        }
        return Optional.empty();
    }

    private int indexOf(String version) {
        for (int index = 0; index < versions.size(); index++) {
            if (versions.get(index).version().equals(version)) {
                return index;
            }
        }
        return -1;
    }
}
