package com.consentledger.api;

import com.consentledger.api.auth.JwtSettings;
import com.consentledger.ledger.calendar.CalendarFile;
import com.consentledger.ledger.database.DatabaseSettings;
import com.consentledger.ledger.demo.DemoPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The API through real HTTP against the embedded PostgreSQL. */
class ApiTest {

    private static final JwtSettings JWT = new JwtSettings("an-api-test-secret-of-enough-length", null, null);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LedgerService service;
    private static Vertx tokens;
    private static JWTAuth signer;

    @BeforeAll
    static void start() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "api-test-");
        service = LedgerService.start(new Main.ServiceSettings(0, DatabaseSettings.embedded(dataDir),
                CalendarFile.bundledSample(), JWT));
        tokens = Vertx.vertx();
        signer = JWT.auth(tokens);
        HttpResponse<String> published = send("POST", "/v1/policies/" + DemoPolicy.POLICY_ID + "/versions",
                token("admin-1", "policy-admin"), policyBody(DemoPolicy.FIRST_VERSION));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        service.close();
        tokens.close();
    }

    private static String token(String subject, String... roles) {
        return signer.generateToken(new JsonObject().put("sub", subject).put("roles", new JsonArray(java.util.List.of(roles))),
                new JWTOptions().setExpiresInMinutes(10));
    }

    private static HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject policyBody(String version) {
        JsonArray purposes = new JsonArray();
        DemoPolicy.PURPOSES.forEach(purpose -> purposes.add(new JsonObject().put("id", purpose.id())
                .put("dataCategories", new JsonArray(purpose.dataCategories())).put("basis", purpose.basis())
                .put("sensitive", purpose.sensitive()).put("thirdParty", purpose.thirdParty())
                .put("recipients", new JsonArray(purpose.recipients()))));
        return new JsonObject().put("version", version).put("effectiveAt", "2020-07-20T00:00:00Z").put("major", true)
                .put("summary", "first version").put("textSha256", DemoPolicy.textSha256()).put("purposes", purposes);
    }

    private static JsonObject grantBody(String purpose, String... recipients) {
        return new JsonObject().put("purpose", purpose).put("policyVersion", DemoPolicy.FIRST_VERSION)
                .put("recipients", new JsonArray(java.util.List.of(recipients))).put("channel", "android-app")
                .put("occurredAt", "2025-03-03T08:00:00Z");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(new JsonObject(response.body()).getString("type")).isEqualTo("/problems/" + type);
    }

    @Test
    void operations_endpoints_need_no_token_and_the_document_is_served() throws Exception {
        assertThat(send("GET", "/health/ready", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> document = send("GET", "/openapi.yaml", null, null);
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).startsWith("openapi: 3.1.0");
    }

    @Test
    void no_token_or_a_forged_one_is_401_and_a_wrong_role_is_403() throws Exception {
        assertProblem(send("GET", "/v1/policies/9xun-privacy/versions", null, null), 401, "unauthenticated");
        String forged = new JwtSettings("another-secret-entirely-different", null, null)
                .auth(tokens).generateToken(new JsonObject().put("sub", "x").put("roles", new JsonArray().add("auditor")));
        assertProblem(send("GET", "/v1/policies/9xun-privacy/versions", forged, null), 401, "unauthenticated");
        assertProblem(send("POST", "/v1/policies/9xun-privacy/versions", token("E1", "subject"), policyBody("2099-01-01")),
                403, "forbidden");
    }

    @Test
    void a_subject_grants_its_own_consent_and_a_processor_relies_on_it() throws Exception {
        HttpResponse<String> granted = send("POST", "/v1/subjects/E1024/consents", token("E1024", "subject"),
                grantBody("location-clock-in", "amap-sdk"));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        JsonObject grant = new JsonObject(granted.body());
        assertThat(grant.getString("state")).isEqualTo("granted");

        HttpResponse<String> accessed = send("POST", "/v1/access", token("attendance-service", "processor"),
                new JsonObject().put("subjectId", "E1024").put("purpose", "location-clock-in")
                        .put("dataCategories", new JsonArray().add("precise-location")).put("occurredAt", "2025-03-03T09:00:00Z"));
        assertThat(accessed.statusCode()).as(accessed.body()).isEqualTo(200);
        JsonObject access = new JsonObject(accessed.body());
        assertThat(access.getString("verdict")).isEqualTo("allowed");
        assertThat(access.getJsonObject("basis").getLong("position")).isEqualTo(grant.getLong("position"));
        assertThat(access.getString("reason")).isEqualTo("consent-in-force");

        HttpResponse<String> history = send("GET", "/v1/subjects/E1024/history", token("E1024", "subject"), null);
        assertThat(new JsonObject(history.body()).getJsonArray("events")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void a_subject_may_not_act_for_another_subject() throws Exception {
        assertProblem(send("POST", "/v1/subjects/E2048/consents", token("E1024", "subject"),
                grantBody("profile-avatar")), 403, "forbidden");
        assertProblem(send("GET", "/v1/subjects/E2048/history", token("E1024", "subject"), null), 403, "forbidden");
    }

    @Test
    void bad_input_is_a_400_naming_the_field_and_broken_rules_keep_their_type() throws Exception {
        HttpResponse<String> missing = send("POST", "/v1/subjects/E7/consents", token("E7", "subject"),
                grantBody("profile-avatar").put("channel", "has spaces"));
        assertProblem(missing, 400, "invalid-request");
        assertThat(new JsonObject(missing.body()).getString("field")).isEqualTo("channel");
        assertProblem(send("POST", "/v1/subjects/E7/consents", token("E7", "subject"), grantBody("mind-reading")),
                400, "purpose-unknown");
        assertProblem(send("POST", "/v1/subjects/E7/consents/profile-avatar/withdrawal", token("E7", "subject"),
                new JsonObject()), 409, "consent-not-in-force");
        assertProblem(send("POST", "/v1/subjects/E7/consents", token("E7", "subject"), "{not json"), 400, "invalid-request");
    }

    @Test
    void unknown_routes_unimplemented_ones_and_oversized_bodies_are_problems_too() throws Exception {
        assertProblem(send("GET", "/v1/nowhere", token("a", "auditor"), null), 404, "not-found");
        assertProblem(send("GET", "/v1/audit/checkpoints/latest", token("a", "auditor"), null), 501, "not-implemented");
        String huge = "{\"items\": [" + "{\"subjectId\": \"E1\", \"purpose\": \"x\", \"dataCategories\": [\"y\"]},".repeat(60_000)
                + "{}]}";
        assertProblem(send("POST", "/v1/access/batch", token("p", "processor"), huge), 413, "payload-too-large");
    }
}
