package com.consentledger.ledger.demo;

import com.consentledger.ledger.consent.AcceptAllPurposes;
import com.consentledger.ledger.consent.ConsentCommand;
import com.consentledger.ledger.consent.GrantConsent;
import com.consentledger.ledger.consent.WithdrawConsent;
import com.consentledger.ledger.events.Evidence;
import com.consentledger.ledger.policy.PurposeDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates employees with a realistic mix of consents under {@link DemoPolicy}: most allow location clock-in
 * (it is how they clock in), fewer allow analytics or marketing, some used "accept all" for the plain purposes,
 * and a few withdrew something later. Deterministic for a seed, so the demo and the load test agree.
 */
public final class DemoEmployees {

    /** The share of employees granting each consent-based purpose explicitly. */
    static final Map<String, Double> EXPLICIT_GRANT_RATE = Map.of(
            "location-clock-in", 0.92,
            "push-notifications", 0.75,
            "crash-reporting", 0.60,
            "app-analytics", 0.35,
            "liveness-detection", 0.30,
            "personalised-recommendations", 0.15);
    /** Plain purposes (neither sensitive nor third-party) may be accepted together. */
    static final List<String> BUNDLE = List.of("store-navigation", "profile-avatar", "promotional-messages");
    static final double BUNDLE_RATE = 0.40;
    static final double WITHDRAWAL_RATE = 0.05;

    /** One employee and the decisions they made, in the order they made them. */
    public record DemoEmployee(String subjectId, List<ConsentCommand> decisions) {
    }

    private DemoEmployees() {
    }

    public static String subjectId(int index) {
        return "E%06d".formatted(index + 1);
    }

    /**
     * @param decidedFrom decisions happen in the 30 days from this instant; keep it at least 31 days in the past
     */
    public static List<DemoEmployee> generate(int count, long seed, Instant decidedFrom) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DemoEmployee> employees = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            employees.add(employee(subjectId(index), random, decidedFrom));
        }
        return employees;
    }

    private static DemoEmployee employee(String subjectId, SplittableRandom random, Instant decidedFrom) {
        Instant at = decidedFrom.plus(Duration.ofMinutes(random.nextLong(Duration.ofDays(29).toMinutes())));
        Evidence evidence = new Evidence(at.minusSeconds(20), DemoPolicy.textSha256());
        List<ConsentCommand> decisions = new ArrayList<>();
        List<String> granted = new ArrayList<>();
        for (PurposeDefinition purpose : DemoPolicy.PURPOSES) {
            Double rate = EXPLICIT_GRANT_RATE.get(purpose.id());
            if (rate != null && random.nextDouble() < rate) {
                decisions.add(new GrantConsent(subjectId, DemoPolicy.POLICY_ID, purpose.id(), DemoPolicy.FIRST_VERSION,
                        purpose.recipients(), "android-app", evidence, at));
                granted.add(purpose.id());
            }
        }
        if (random.nextDouble() < BUNDLE_RATE) {
            decisions.add(new AcceptAllPurposes(subjectId, DemoPolicy.POLICY_ID, DemoPolicy.FIRST_VERSION, BUNDLE,
                    "android-app", evidence, at));
            granted.addAll(BUNDLE);
        }
        if (!granted.isEmpty() && random.nextDouble() < WITHDRAWAL_RATE) {
            String purpose = granted.get(random.nextInt(granted.size()));
            decisions.add(new WithdrawConsent(subjectId, purpose, "changed my mind", "android-app",
                    at.plus(Duration.ofHours(1 + random.nextInt(24)))));
        }
        return new DemoEmployee(subjectId, decisions);
    }
}
