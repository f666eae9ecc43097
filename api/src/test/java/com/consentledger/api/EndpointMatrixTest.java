package com.consentledger.api;

import com.consentledger.api.auth.JwtSettings;
import com.consentledger.ledger.calendar.CalendarFile;
import com.consentledger.ledger.database.DatabaseSettings;
import com.consentledger.ledger.demo.DemoPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint against every way of being refused that applies to it: no token (401), a token without the
 * role (403), another subject's token (403), and a bad field (400 naming it). Happy paths are in ApiTest.
 */
class EndpointMatrixTest {

    private static final JwtSettings JWT = new JwtSettings("a-matrix-test-secret-long-enough-x", null, null);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LedgerService service;
    private static Vertx signing;
    private static JWTAuth signer;

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
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "matrix-");
        service = LedgerService.start(new Main.ServiceSettings(0, DatabaseSettings.embedded(dataDir),
                CalendarFile.bundledSample(), JWT));
        service.ledger().publish(DemoPolicy.firstVersion()).get(30, TimeUnit.SECONDS);
        signing = Vertx.vertx();
        signer = JWT.auth(signing);
    }

    @AfterAll
    static void stop() {
        service.close();
        signing.close();
    }

    private static String token(String subject, String role) {
        return signer.generateToken(new JsonObject().put("sub", subject).put("roles", new JsonArray().add(role)));
    }

    private static HttpResponse<String> call(Endpoint endpoint, String token, JsonObject body, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + endpoint.path()
                        + (query == null ? "" : "?" + query)))
                .method(endpoint.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("type")).isEqualTo("/problems/" + type);
        if (field != null) {
            assertThat(problem.getString("field")).isEqualTo(field);
        }
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
