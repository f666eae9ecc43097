package com.consentledger.api;

import com.consentledger.api.testing.RunningLedger;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint against every way of being refused that applies to it: no token (401), a token without the
 * role (403), another subject's token (403), and a bad field (400 naming it). Happy paths are in ApiTest.
 */
class EndpointMatrixTest {

    private static RunningLedger ledger;

    /**
     * @param role        a role that may call it
     * @param wrongRole   a role that may not
     * @param ownSubject  the path's subject when a subject may call it for itself only, else null
     * @param badBody     a body (or null) and badQuery (or null) that break one field
     */
    record Endpoint(String method, String path, String role, String wrongRole, String ownSubject, JsonObject badBody,
                    String badQuery, String badField) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", "/v1/policies/9xun-privacy/versions", "policy-admin", "auditor", null,
                        new JsonObject().put("version", "v2").put("effectiveAt", "2030-01-01T00:00:00Z").put("major", true)
                                .put("textSha256", "not-hex").put("purposes", new JsonArray().add(new JsonObject()
                                        .put("id", "p").put("dataCategories", new JsonArray().add("c")).put("basis", "consent"))),
                        null, "textSha256"),
                new Endpoint("GET", "/v1/policies/9xun-privacy/versions", "auditor", null, null, null, null, null),
                new Endpoint("POST", "/v1/subjects/E9/consents", "subject", "processor", "E9",
                        new JsonObject().put("purpose", "profile-avatar").put("policyVersion", "2020-07-20")
                                .put("channel", "web").put("occurredAt", "yesterday"), null, "occurredAt"),
                new Endpoint("POST", "/v1/subjects/E9/consents/profile-avatar/withdrawal", "subject", "hr", "E9",
                        new JsonObject().put("reason", 42), null, "reason"),
                new Endpoint("GET", "/v1/subjects/E9/consents", "subject", "processor", "E9", null, "asOf=not-a-date", "asOf"),
                new Endpoint("GET", "/v1/subjects/E9/history", "subject", "hr", "E9", null, null, null),
                new Endpoint("POST", "/v1/access", "processor", "subject", null,
                        new JsonObject().put("subjectId", "E9").put("purpose", "device-binding")
                                .put("dataCategories", new JsonArray()), null, "dataCategories"),
                new Endpoint("POST", "/v1/access/batch", "processor", "auditor", null,
                        new JsonObject().put("items", new JsonArray().add(new JsonObject().put("subjectId", "E9"))), null,
                        "items[0].purpose"),
                new Endpoint("POST", "/v1/subjects/E9/offboarding", "hr", "subject", null,
                        new JsonObject().put("leftAt", "soon"), null, "leftAt"),
                new Endpoint("POST", "/v1/subjects/E9/deactivation", "hr", "auditor", null,
                        new JsonObject().put("occurredAt", 7), null, "occurredAt"),
                new Endpoint("POST", "/v1/subjects/E9/erasure", "subject", "processor", "E9",
                        new JsonObject().put("when", "now"), null, null),
                new Endpoint("GET", "/v1/audit/access", "auditor", "processor", null, null, "verdict=maybe", "verdict"),
                new Endpoint("GET", "/v1/audit/obligations", "auditor", "hr", null, null, "status=x", "status"),
                new Endpoint("GET", "/v1/audit/export", "auditor", "subject", null, null, "format=xml", "format"));
    }

    @BeforeAll
    static void start() throws Exception {
        ledger = RunningLedger.start("matrix", true);
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    private static HttpResponse<String> call(Endpoint endpoint, String token, JsonObject body, String query) throws Exception {
        return ledger.send(endpoint.method(), endpoint.path() + (query == null ? "" : "?" + query), token, body);
    }

    private static String token(String subject, String role) {
        return ledger.token(subject, role);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String field) {
        RunningLedger.assertProblem(response, status, type, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void no_token_is_401(Endpoint endpoint) throws Exception {
        assertProblem(call(endpoint, null, endpoint.badBody(), null), 401, "unauthenticated", null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void a_token_without_the_role_is_403(Endpoint endpoint) throws Exception {
        if (endpoint.wrongRole() != null) {
            String subject = endpoint.ownSubject() == null ? "someone" : endpoint.ownSubject();
            assertProblem(call(endpoint, token(subject, endpoint.wrongRole()), validBodyOrNull(endpoint), validQuery(endpoint)),
                    403, "forbidden", null);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void another_subjects_token_is_403(Endpoint endpoint) throws Exception {
        if (endpoint.ownSubject() != null) {
            assertProblem(call(endpoint, token("E-other", "subject"), validBodyOrNull(endpoint), null),
                    403, "forbidden", null);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void a_bad_field_is_400_naming_it(Endpoint endpoint) throws Exception {
        if (endpoint.badBody() != null || endpoint.badQuery() != null) {
            String subject = endpoint.ownSubject() == null ? "someone" : endpoint.ownSubject();
            assertProblem(call(endpoint, token(subject, endpoint.role()), endpoint.badBody(), endpoint.badQuery()),
                    400, "invalid-request", endpoint.badField());
        }
    }

    private static String validQuery(Endpoint endpoint) {
        return endpoint.path().equals("/v1/audit/obligations") ? "status=met" : null;
    }

    /** Bodies are validated before roles are checked, so a role test sends a body that passes validation. */
    private static JsonObject validBodyOrNull(Endpoint endpoint) {
        return switch (endpoint.path()) {
            case "/v1/policies/9xun-privacy/versions" -> endpoint.method().equals("POST") ? new JsonObject()
                    .put("version", "v2").put("effectiveAt", "2030-01-01T00:00:00Z").put("major", true)
                    .put("textSha256", "a".repeat(64)).put("purposes", new JsonArray().add(new JsonObject()
                            .put("id", "p").put("dataCategories", new JsonArray().add("c")).put("basis", "consent"))) : null;
            case "/v1/subjects/E9/consents" -> endpoint.method().equals("POST") ? new JsonObject()
                    .put("purpose", "profile-avatar").put("policyVersion", "2020-07-20").put("channel", "web") : null;
            case "/v1/access" -> new JsonObject().put("subjectId", "E9").put("purpose", "device-binding")
                    .put("dataCategories", new JsonArray().add("imei"));
            case "/v1/access/batch" -> new JsonObject().put("items", new JsonArray().add(new JsonObject()
                    .put("subjectId", "E9").put("purpose", "device-binding").put("dataCategories", new JsonArray().add("imei"))));
            case "/v1/subjects/E9/offboarding" -> new JsonObject().put("leftAt", "2025-01-01T00:00:00Z");
            default -> endpoint.method().equals("POST") ? new JsonObject() : null;
        };
    }
}
