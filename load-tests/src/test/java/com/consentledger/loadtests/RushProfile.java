package com.consentledger.loadtests;

import io.gatling.javaapi.core.OpenInjectionStep;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.stressPeakUsers;

/**
 * How the employees of one profile arrive (RUSH_PROFILE: ci, full, steady or warm-up), stretch by stretch, and so
 * for how long the auditors ask beside them: for exactly as long. Each stretch carries its own length, so the two
 * cannot drift apart (the auditors of a steady run once stopped after 22 s, whatever the run's length).
 * <p>
 * Environment: RUSH_PEAK_USERS (the ci and full profiles' peak), RUSH_STEADY_USERS and RUSH_STEADY_SECONDS (the
 * steady profile: employees per second, for how long), RUSH_WARM_UP_USERS and RUSH_WARM_UP_SECONDS (the warm-up
 * profile: the same, 200 and 40 unless set).
 */
final class RushProfile {

    private record Stretch(OpenInjectionStep step, Duration length) {
    }

    private final String name;
    private final List<Stretch> stretches;

    private RushProfile(String name, List<Stretch> stretches) {
        this.name = name;
        this.stretches = stretches;
    }

    /** @param env a setting's value by its name, null when unset (a blank value counts as unset) */
    static RushProfile from(UnaryOperator<String> env) {
        String name = orElse(env, "RUSH_PROFILE", "ci");
        return new RushProfile(name, switch (name) {
            // the runner's first run against a fresh start: the same requests at a rate a cold service answers in
            // time, so the rush after it meets compiled code, as the 09:00 rush meets a service up since the night
            case "warm-up" -> {
                Duration length = seconds(env, "RUSH_WARM_UP_SECONDS", "40");
                yield List.of(new Stretch(constantUsersPerSec(positive(env, "RUSH_WARM_UP_USERS", "200")).during(length),
                        length));
            }
            // one rate for a while, reached in a minute: met cold (a 20 s ramp to 3,000 requests/s), both JVMs
            // spent their first seconds compiling and the generator opened 20,000 connections to a queue
            case "steady" -> {
                int users = positive(env, "RUSH_STEADY_USERS", "1000");
                yield List.of(ramp(users / 20.0, users, Duration.ofSeconds(60)),
                        constant(users, seconds(env, "RUSH_STEADY_SECONDS", "60")));
            }
            /*
             * stressPeakUsers(N) during d injects at most (N + 2) * 2 * t0 / (sqrt(pi) * d) users/s at its centre,
             * with t0 = |erfinv(2 / (N + 2) - 1)| (Gatling's HeavisideInjection), about 3.3 N / d for N in the tens
             * of thousands. 46,000 users in 30 s peak at about 5,000 employees/s: 10,000 requests/s, the issue's
             * peak. (150,000, the first default, asked for 17,000 employees/s: 3.5 times that.)
             */
            case "full" -> List.of(ramp(50, 2_500, Duration.ofSeconds(120)),
                    peak(positive(env, "RUSH_PEAK_USERS", "46000"), Duration.ofSeconds(30)),
                    constant(500, Duration.ofSeconds(60)));
            case "ci" -> List.of(ramp(5, 150, Duration.ofSeconds(8)),
                    peak(positive(env, "RUSH_PEAK_USERS", "1500"), Duration.ofSeconds(8)),
                    constant(40, Duration.ofSeconds(6)));
            default -> throw new IllegalArgumentException(
                    "RUSH_PROFILE must be ci, full, steady or warm-up, not " + name);
        });
    }

    String name() {
        return name;
    }

    List<OpenInjectionStep> employees() {
        return stretches.stream().map(Stretch::step).toList();
    }

    /** How long the employees arrive, and so how long the auditors ask. */
    Duration length() {
        return stretches.stream().map(Stretch::length).reduce(Duration.ZERO, Duration::plus);
    }

    private static Stretch ramp(double from, double to, Duration length) {
        return new Stretch(rampUsersPerSec(from).to(to).during(length), length);
    }

    private static Stretch constant(double usersPerSecond, Duration length) {
        return new Stretch(constantUsersPerSec(usersPerSecond).during(length), length);
    }

    private static Stretch peak(int users, Duration length) {
        return new Stretch(stressPeakUsers(users).during(length), length);
    }

    /** A setting's value, or {@code fallback} when it is unset or blank. */
    static String orElse(UnaryOperator<String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int positive(UnaryOperator<String> env, String name, String fallback) {
        String value = orElse(env, name, fallback);
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the name
        }
        throw new IllegalArgumentException(name + " must be a whole number above 0, not " + value);
    }

    private static Duration seconds(UnaryOperator<String> env, String name, String fallback) {
        return Duration.ofSeconds(positive(env, name, fallback));
    }
}
