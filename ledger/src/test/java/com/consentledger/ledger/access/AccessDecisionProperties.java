package com.consentledger.ledger.access;

import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.ConsentWithdrawn;
import com.consentledger.ledger.events.LedgerEvent;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.ledger.policy.PurposeDefinition;
import com.consentledger.ledger.subject.SubjectHistory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random histories of grants, withdrawals (arriving in any order) and policy versions (major or minor,
 * affecting the purpose or not), at every instant where anything changes and just around it: the access
 * decision allows a consent-based purpose exactly when a grant is in force. "In force" is worked out here by
 * a separate, brute-force reading of the rules.
 */
class AccessDecisionProperties {

    private static final Instant ORIGIN = Instant.parse("2024-01-01T00:00:00Z");
    private static final String PURPOSE = "location-clock-in";
    private static final PurposeDefinition LOCATION = new PurposeDefinition(PURPOSE, List.of("precise-location"),
            "consent", true, true, List.of("amap-sdk"));
    private static final PurposeDefinition OTHER = new PurposeDefinition("profile-avatar", List.of("avatar"),
            "consent", false, false, List.of());

    record Version(int minute, boolean major, boolean affectsPurpose) {
    }

    record Change(boolean grant, int minute, int versionIndex) {
    }

    record Scenario(List<Version> versions, List<Change> arrivals) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Version> version = Combinators.combine(Arbitraries.integers().between(0, 600),
                Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Version::new);
        Arbitrary<Change> change = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 600),
                Arbitraries.integers().between(0, 3)).as(Change::new);
        return Combinators.combine(version.list().ofMinSize(1).ofMaxSize(4), change.list().ofMaxSize(8))
                .as(Scenario::new);
    }

    @Property(tries = 500)
    void allows_a_consent_based_purpose_exactly_when_a_grant_is_in_force(@ForAll("scenarios") Scenario scenario) {
        List<PolicyVersionPublished> versions = versionsOf(scenario);
        PolicyHistory policy = PolicyHistory.empty("p");
        for (PolicyVersionPublished version : versions) {
            policy = policy.evolve(version);
        }
        SubjectHistory subject = SubjectHistory.empty("E1");
        List<LedgerEvent> arrivals = arrivalsOf(scenario, versions);
        for (int index = 0; index < arrivals.size(); index++) {
            subject = subject.evolve(arrivals.get(index), (long) index + 1);
        }
        for (Instant instant : probes(versions, arrivals)) {
            AccessVerdict verdict = AccessDecision.decide(subject, policy,
                    new AccessRequest("E1", PURPOSE, List.of("precise-location"), "processor", instant));
            assertThat(verdict.allowed()).as("allowed at %s (%s)", instant, verdict.reason())
                    .isEqualTo(grantInForce(versions, arrivals, instant));
        }
    }

    /** Versions take effect in publication order, at distinct minutes. */
    private static List<PolicyVersionPublished> versionsOf(Scenario scenario) {
        List<Integer> minutes = new ArrayList<>(new TreeSet<>(scenario.versions().stream().map(Version::minute).toList()));
        List<PolicyVersionPublished> versions = new ArrayList<>();
        for (int index = 0; index < minutes.size(); index++) {
            Version version = scenario.versions().get(index);
            versions.add(new PolicyVersionPublished("p", "v" + index, at(minutes.get(index)), version.major(), "", "0".repeat(64),
                    List.of(LOCATION, OTHER), version.affectsPurpose() ? List.of(PURPOSE) : List.of(OTHER.id()),
                    ORIGIN));
        }
        return versions;
    }

    private static List<LedgerEvent> arrivalsOf(Scenario scenario, List<PolicyVersionPublished> versions) {
        return scenario.arrivals().stream().<LedgerEvent>map(change -> change.grant()
                ? new ConsentGranted("E1", "c-" + change.minute(), PURPOSE, "p",
                        versions.get(change.versionIndex() % versions.size()).version(), List.of("amap-sdk"), "app", null,
                        false, at(change.minute()))
                : new ConsentWithdrawn("E1", PURPOSE, null, null, at(change.minute()))).toList();
    }

    /** Every instant where something changes, a nanosecond before it, and a few in between. */
    private static List<Instant> probes(List<PolicyVersionPublished> versions, List<LedgerEvent> arrivals) {
        TreeSet<Instant> instants = new TreeSet<>();
        versions.forEach(version -> instants.add(version.effectiveAt()));
        arrivals.forEach(event -> instants.add(event.occurredAt()));
        for (Instant instant : List.copyOf(instants)) {
            instants.add(instant.minusNanos(1));
            instants.add(instant.plusSeconds(30));
        }
        instants.add(ORIGIN);
        instants.add(at(601));
        return List.copyOf(instants);
    }

    /**
     * The rules read literally: sort the consent changes by when they happened (a stable sort keeps arrival
     * order for ties), take the last one up to the instant; it must be a grant, a version must be in effect,
     * and no later major version affecting the purpose may have taken effect since the granted one.
     */
    private static boolean grantInForce(List<PolicyVersionPublished> versions, List<LedgerEvent> arrivals,
                                        Instant instant) {
        boolean policyInEffect = versions.stream().anyMatch(version -> !version.effectiveAt().isAfter(instant));
        List<LedgerEvent> byTime = new ArrayList<>(arrivals);
        byTime.sort(Comparator.comparing(LedgerEvent::occurredAt));
        LedgerEvent last = null;
        for (LedgerEvent event : byTime) {
            if (!event.occurredAt().isAfter(instant)) {
                last = event;
            }
        }
        if (!policyInEffect || !(last instanceof ConsentGranted grant)) {
            return false;
        }
        int grantedIndex = versions.stream().map(PolicyVersionPublished::version).toList().indexOf(grant.policyVersion());
        return versions.stream().skip(grantedIndex + 1L).noneMatch(later -> later.major()
                && later.affectedPurposes().contains(PURPOSE) && !later.effectiveAt().isAfter(instant));
    }

    private static Instant at(int minute) {
        return ORIGIN.plus(Duration.ofMinutes(minute));
    }
}
