package com.consentledger.api;

import com.consentledger.api.testing.RunningLedger;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and malformed bodies to every write endpoint, with a token of the right role: never a 5xx, and a
 * refused request never leaves an event behind.
 */
class WriteFuzzProperties {

    private static RunningLedger ledger;

    record Endpoint(String path, String subject, String role) {
    }

    private static final List<Endpoint> WRITES = List.of(
            new Endpoint("/v1/policies/9xun-privacy/versions", "admin", "policy-admin"),
            new Endpoint("/v1/subjects/E1/consents", "E1", "subject"),
            new Endpoint("/v1/subjects/E1/consents/location-clock-in/withdrawal", "E1", "subject"),
            new Endpoint("/v1/access", "attendance", "processor"),
            new Endpoint("/v1/access/batch", "attendance", "processor"),
            new Endpoint("/v1/subjects/E1/offboarding", "hr", "hr"),
            new Endpoint("/v1/subjects/E1/deactivation", "hr", "hr"),
            new Endpoint("/v1/subjects/E1/erasure", "E1", "subject"));

    private static final List<String> FIELDS = List.of("version", "effectiveAt", "major", "summary", "textSha256",
            "purposes", "affectedPurposes", "purpose", "policyId", "policyVersion", "recipients", "occurredAt", "channel",
            "evidence", "reason", "subjectId", "dataCategories", "items", "leftAt", "id", "basis", "noticeShownAt");

    @BeforeContainer
    static void start() throws Exception {
        ledger = RunningLedger.start("fuzz", true);
    }

    @AfterContainer
    static void stop() {
        ledger.close();
    }

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(Object.class::cast),
                Arbitraries.of("2025-03-03T08:00:00Z", "2999-01-01T00:00:00Z", "not-a-date", "location-clock-in",
                        "2020-07-20", "amap-sdk", "precise-location", "E1", "9xun-privacy", "a".repeat(64), "", " ",
                        "\u0000", "x".repeat(5_000)).map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.just(null));
        return Arbitraries.recursive(() -> scalars, this::containers, 3);
    }

    private Arbitrary<Object> containers(Arbitrary<Object> inner) {
        return Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(list -> (Object) new JsonArray(list)),
                Combinators.combine(Arbitraries.of(FIELDS), inner).as((key, value) -> new Object[]{key, value})
                        .list().ofMaxSize(6).map(entries -> {
                            JsonObject object = new JsonObject();
                            entries.forEach(entry -> object.put((String) entry[0], entry[1]));
                            return (Object) object;
                        }));
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(
                values().map(value -> value instanceof JsonObject || value instanceof JsonArray
                        ? value.toString() : String.valueOf(value)),
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.of("{", "[", "{\"purpose\":", "null", "{}", "{\"items\":[]}", "{\"items\":[{}]}",
                        "{\"leftAt\":\"2025-01-01T00:00:00Z\"}", "\uFEFF{}", "{\"subjectId\":\"E1\",\"purpose\":\"device-binding\",\"dataCategories\":[\"imei\",\"imei\"]}"));
    }

    @Property(tries = 300)
    void no_write_ever_fails_with_a_5xx_and_a_refused_one_appends_nothing(
            @ForAll("bodies") String body, @ForAll("endpoints") Endpoint endpoint) throws Exception {
        long before = position();
        HttpResponse<String> response = ledger.send("POST", endpoint.path(), ledger.token(endpoint.subject(),
                endpoint.role()), body);

        assertThat(response.statusCode()).as("%s %s -> %s", endpoint.path(), body, response.body()).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
            assertThat(position()).as("nothing appended for a refused %s", endpoint.path()).isEqualTo(before);
        }
    }

    @Provide
    Arbitrary<Endpoint> endpoints() {
        return Arbitraries.of(WRITES);
    }

    private static long position() throws Exception {
        return ledger.service.store().latestPosition().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).position();
    }
}
