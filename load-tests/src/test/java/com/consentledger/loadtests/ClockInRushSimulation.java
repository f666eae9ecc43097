package com.consentledger.loadtests;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The 09:00 clock-in rush: every employee's app asks twice (location clock-in, device binding), about 3 % also
 * grant or withdraw a consent, auditors ask point-in-time questions now and then. An open injection: a ramp
 * from 08:45, a heaviside peak around 09:00, a tail. Every accessId the service acknowledged is written to
 * {@code RUSH_ACKNOWLEDGED_FILE} for the runner to look up in the store.
 * <p>
 * Environment: LEDGER_URL, LEDGER_JWT_SECRET (the service's HS256 secret), RUSH_EMPLOYEES (seeded count),
 * RUSH_PROFILE and its settings ({@link RushProfile}), RUSH_P99_MS (the p99 assertion), RUSH_CONSENT_CHANGES (the
 * share of employees who also grant or withdraw a consent, 0.03 unless set).
 */
public class ClockInRushSimulation extends Simulation {

    private static final String URL = env("LEDGER_URL", "http://127.0.0.1:8080");
    private static final int EMPLOYEES = Integer.parseInt(env("RUSH_EMPLOYEES", "200"));
    private static final RushProfile PROFILE = RushProfile.from(System::getenv);
    private static final boolean FULL = PROFILE.name().equals("full");
    private static final boolean WARM_UP = PROFILE.name().equals("warm-up");
    private static final int P99_MS = Integer.parseInt(env("RUSH_P99_MS", FULL ? "25" : "2000"));
    private static final double CONSENT_CHANGES = share("RUSH_CONSENT_CHANGES", "0.03");
    private static final String POLICY_VERSION = "2020-07-20";

    private static final Vertx VERTX = Vertx.vertx();
    private static final JWTAuth SIGNER = JWTAuth.create(VERTX, new JWTAuthOptions().addPubSecKey(
            new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(env("LEDGER_JWT_SECRET", "missing-secret"))));
    private static final String PROCESSOR = token("attendance-service", "processor");
    private static final String AUDITOR = token("rush-auditor", "auditor");
    private static final Map<String, String> SUBJECT_TOKENS = new ConcurrentHashMap<>();
    /** Every accessId the service answered 200 for. */
    private static final AcknowledgedIds ACKNOWLEDGED = new AcknowledgedIds();

    private static String env(String name, String fallback) {
        return RushProfile.orElse(System::getenv, name, fallback);
    }

    private static double share(String name, String fallback) {
        double share = Double.parseDouble(env(name, fallback));
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, not " + share);
        }
        return share;
    }

    private static String token(String subject, String role) {
        return SIGNER.generateToken(new JsonObject().put("sub", subject).put("roles", new JsonArray().add(role)),
                new JWTOptions().setExpiresInMinutes(24 * 60));
    }

    private static String subjectId(int index) {
        return "E%06d".formatted(index + 1);
    }

    private static ChainBuilder access(String purpose, String category) {
        return exec(http("access " + purpose).post("/v1/access")
                .header("Authorization", "Bearer " + PROCESSOR)
                .body(StringBody("{\"subjectId\":\"#{subject}\",\"purpose\":\"" + purpose + "\",\"dataCategories\":[\""
                        + category + "\"]}")).asJson()
                // a regex, not jsonPath: the generator shares the two cores with the service, and parsing every
                // answer as JSON was a measurable part of its CPU
                .check(status().is(200), regex("\"accessId\":\"([^\"]+)\"").saveAs("accessId")))
                .exec(session -> {
                    // absent when the request failed; removed so a later failure cannot re-report this one
                    String accessId = session.getString("accessId");
                    if (accessId != null) {
                        ACKNOWLEDGED.add(accessId);
                    }
                    return session.remove("accessId");
                });
    }

    /*
     * About 3 % (RUSH_CONSENT_CHANGES): grant or withdraw an optional consent. A withdrawal of what is not in
     * force, or a grant the rules refuse, is a fine 409; a 400 would mean the generator sent what the contract
     * does not accept (the withdrawal once carried the grant's body, and every one of them was a 400 that nobody
     * saw).
     */
    private static final ChainBuilder CHANGE_OF_MIND = doIf(session -> ThreadLocalRandom.current().nextDouble() < CONSENT_CHANGES).then(
            exec(session -> session.set("subjectToken", SUBJECT_TOKENS.computeIfAbsent(session.getString("subject"),
                    subject -> token(subject, "subject"))))
                    .randomSwitch().on(
                            percent(50.0).then(exec(http("consent grant").post("/v1/subjects/#{subject}/consents")
                                    .header("Authorization", "Bearer #{subjectToken}")
                                    .body(StringBody("{\"purpose\":\"promotional-messages\",\"policyVersion\":\""
                                            + POLICY_VERSION + "\",\"channel\":\"android-app\"}")).asJson()
                                    .check(status().in(201, 409)))),
                            percent(50.0).then(exec(http("consent withdrawal")
                                    .post("/v1/subjects/#{subject}/consents/promotional-messages/withdrawal")
                                    .header("Authorization", "Bearer #{subjectToken}")
                                    .body(StringBody("{\"channel\":\"android-app\"}")).asJson()
                                    .check(status().in(201, 409))))));

    /*
     * One pool for all virtual users, as a gateway in front of the apps would have. Gatling 3.14 puts no global
     * bound on it (maxConnectionsPerHost did not cap it: measured 20,000 sockets when users piled up).
     */
    private final HttpProtocolBuilder protocol = http.baseUrl(URL).contentTypeHeader("application/json")
            .acceptHeader("application/json").shareConnections()
            // an app's API client: no HTTP cache, Referer, Origin or redirects; and no warm-up request, which
            // Gatling sends to gatling.io by default (load tests talk to 127.0.0.1 only)
            .disableCaching().disableAutoReferer().disableAutoOrigin().disableFollowRedirect().disableWarmUp();

    private final ScenarioBuilder employees = scenario("employee clocks in")
            .exec(session -> session.set("subject", subjectId(ThreadLocalRandom.current().nextInt(EMPLOYEES))))
            .exec(access("location-clock-in", "precise-location"))
            .exec(access("device-binding", "imei"))
            .exec(CHANGE_OF_MIND);

    private final ScenarioBuilder auditors = scenario("auditor asks as of")
            .exec(session -> session.set("subject", subjectId(ThreadLocalRandom.current().nextInt(EMPLOYEES)))
                    .set("asOf", Instant.now().minus(Duration.ofDays(ThreadLocalRandom.current().nextInt(60))).toString()))
            .exec(http("consent states as of").get("/v1/subjects/#{subject}/consents?asOf=#{asOf}")
                    .header("Authorization", "Bearer " + AUDITOR).check(status().is(200)));

    {
        Assertion noFailure = global().failedRequests().count().is(0L);
        setUp(employees.injectOpen(PROFILE.employees()),
                auditors.injectOpen(constantUsersPerSec(FULL ? 5 : 2).during(PROFILE.length())))
                .protocols(protocol)
                // a warm-up meets the compiler at work: its answers count for failures only
                .assertions(WARM_UP ? List.of(noFailure)
                        : List.of(noFailure, global().responseTime().percentile(99.0).lt(P99_MS)));
    }

    /**
     * Writes every acknowledged accessId, one per line, to {@code RUSH_ACKNOWLEDGED_FILE}; the runner looks each
     * up in the ledger's store. No network here: after an overloaded peak the generator may hold every file
     * descriptor it may open, and the check must still run.
     */
    @Override
    public void after() {
        try {
            Path file = Path.of(env("RUSH_ACKNOWLEDGED_FILE", "target/rush-acknowledged.txt")).toAbsolutePath();
            Files.createDirectories(file.getParent());
            ACKNOWLEDGED.writeTo(file);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot write the acknowledged accessIds", failed);
        } finally {
            VERTX.close();
        }
    }
}
