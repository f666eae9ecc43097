package com.consentledger.projections.consent;

import com.consentledger.ledger.consent.ConsentEvaluation;
import com.consentledger.ledger.consent.PurposeStatus;
import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.ConsentWithdrawn;
import com.consentledger.ledger.events.LedgerEvent;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.events.SubjectDeactivated;
import com.consentledger.ledger.events.SubjectOffboarded;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random histories (decisions made offline and recorded late, recordedAt order differing from position
 * order, a major policy change recorded at a random time, offboarding and deactivation) and every pair of interesting
 * (asOf, knownAt) instants: the bitemporal rows give the same answer as a replay of the raw events.
 */
class BitemporalHistoryProperties {

    private static final Instant ORIGIN = Instant.parse("2025-01-01T00:00:00Z");
    private static final String SUBJECT = "E1";
    private static final List<String> PURPOSES = List.of("p1", "p2");

    record Fact(int kind, int purpose, int occurredMinute, int recordedMinute) {
    }

    record Scenario(List<Fact> facts, int majorChangeRecordedMinute, boolean majorChangeAffectsP1) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Fact> fact = Combinators.combine(Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 120), Arbitraries.integers().between(0, 120)).as(Fact::new);
        return Combinators.combine(fact.list().ofMaxSize(10), Arbitraries.integers().between(0, 120),
                Arbitraries.of(true, false)).as(Scenario::new);
    }

    @Property(tries = 300)
    void the_bitemporal_rows_answer_like_the_replay(@ForAll("scenarios") Scenario scenario) {
        List<Recorded> recorded = recordedEvents(scenario);
        List<Recorded> policyVersions = policyVersions(scenario);
        Map<String, List<ConsentChange>> byKey = new LinkedHashMap<>();
        recorded.forEach(event -> ConsentChange.of(event.event(), event.position(), event.recordedAt())
                .ifPresent(change -> byKey.computeIfAbsent(change.key(), key -> new ArrayList<>()).add(change)));
        List<HistoryRow> rows = new ArrayList<>();
        byKey.forEach((key, changes) -> rows.addAll(BitemporalHistory.rows(SUBJECT, key, changes)));

        for (Instant knownAt : instants(recorded.stream().map(Recorded::recordedAt).toList(), policyVersions)) {
            PolicyHistory policy = policyKnownAt(policyVersions, knownAt);
            SubjectHistory replayed = SubjectHistory.empty(SUBJECT);
            for (Recorded event : recorded) {
                if (!event.recordedAt().isAfter(knownAt)) {
                    replayed = replayed.evolve(event.event(), event.position());
                }
            }
            for (Instant asOf : instants(recorded.stream().map(event -> event.event().occurredAt()).toList(), policyVersions)) {
                List<ConsentChange> deciding = rows.stream().filter(row -> row.covers(asOf, knownAt))
                        .map(row -> byKey.get(row.key()).stream().filter(change -> change.position() == row.position())
                                .findFirst().orElseThrow())
                        .toList();
                assertThat(summary(PointInTime.states(SUBJECT, deciding, policy, asOf)))
                        .as("asOf %s knownAt %s", asOf, knownAt)
                        .isEqualTo(summary(ConsentEvaluation.statesAt(replayed, policy, asOf)));
            }
        }
    }

    /** The answer as an auditor reads it: each purpose's state and the position of the change behind it. */
    private static List<String> summary(List<PurposeStatus> states) {
        return states.stream().map(status -> status.purpose() + "=" + status.state().value() + "@"
                + (status.decidedBy() == null ? "-" : status.decidedBy().position())).toList();
    }

    private record Recorded(LedgerEvent event, long position, Instant recordedAt) {
    }

    /** Positions follow the list; recordedAt is drawn separately, so the two orders may disagree. */
    private static List<Recorded> recordedEvents(Scenario scenario) {
        List<Recorded> events = new ArrayList<>();
        long position = 10;
        for (Fact fact : scenario.facts()) {
            String purpose = PURPOSES.get(fact.purpose());
            Instant occurredAt = at(fact.occurredMinute());
            LedgerEvent event = switch (fact.kind()) {
                case 0, 1, 2, 3, 4 -> new ConsentGranted(SUBJECT, "c" + position, purpose, "p", fact.kind() < 3 ? "v1" : "v2",
                        List.of(), "app", null, false, occurredAt);
                case 5, 6, 7, 8 -> new ConsentWithdrawn(SUBJECT, purpose, null, null, occurredAt);
                case 9 -> new SubjectOffboarded(SUBJECT, occurredAt, occurredAt.plus(Duration.ofDays(3)));
                default -> new SubjectDeactivated(SUBJECT, occurredAt);
            };
            events.add(new Recorded(event, position++, at(fact.recordedMinute())));
        }
        return events;
    }

    private static List<Recorded> policyVersions(Scenario scenario) {
        List<PurposeDefinition> purposes = PURPOSES.stream().map(purpose -> new PurposeDefinition(purpose, List.of("data"),
                "consent", false, false, List.of())).toList();
        return List.of(
                new Recorded(new PolicyVersionPublished("p", "v1", ORIGIN, true, "", "0".repeat(64), purposes, List.of(),
                        ORIGIN), 1, ORIGIN),
                new Recorded(new PolicyVersionPublished("p", "v2", at(60), true, "", "0".repeat(64), purposes,
                        scenario.majorChangeAffectsP1() ? List.of("p1") : List.of("p2"), ORIGIN), 2,
                        at(scenario.majorChangeRecordedMinute())));
    }

    private static PolicyHistory policyKnownAt(List<Recorded> versions, Instant knownAt) {
        PolicyHistory policy = PolicyHistory.empty("p");
        for (Recorded version : versions) {
            if (!version.recordedAt().isAfter(knownAt)) {
                policy = policy.evolve((PolicyVersionPublished) version.event());
            }
        }
        return policy;
    }

    /** Every instant where something happens or becomes known, a nanosecond before it, and the ends. */
    private static List<Instant> instants(List<Instant> moments, List<Recorded> policyVersions) {
        TreeSet<Instant> instants = new TreeSet<>(moments);
        policyVersions.forEach(version -> {
            instants.add(version.recordedAt());
            instants.add(((PolicyVersionPublished) version.event()).effectiveAt());
        });
        for (Instant instant : List.copyOf(instants)) {
            instants.add(instant.minusNanos(1));
        }
        instants.add(at(200));
        return List.copyOf(instants);
    }

    private static Instant at(int minute) {
        return ORIGIN.plus(Duration.ofMinutes(minute));
    }
}
