package com.consentledger.api;

import com.consentledger.api.auth.JwtSettings;
import com.consentledger.api.testing.RunningLedger;
import com.consentledger.ledger.demo.DemoPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The API through real HTTP against the embedded PostgreSQL. */
class ApiTest {

    private static RunningLedger ledger;
    private static LedgerService service;

    @BeforeAll
    static void start() throws Exception {
        ledger = RunningLedger.start("api-test", false);
        service = ledger.service;
        HttpResponse<String> published = send("POST", "/v1/policies/" + DemoPolicy.POLICY_ID + "/versions",
                token("admin-1", "policy-admin"), policyBody(DemoPolicy.FIRST_VERSION));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    private static String token(String subject, String... roles) {
        return ledger.token(subject, roles);
    }

    private static HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        return ledger.send(method, path, token, body);
    }

    private static HttpResponse<String> send(String method, String path, String token, Object body, String idempotencyKey)
            throws Exception {
        return ledger.send(method, path, token, body, idempotencyKey);
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
        RunningLedger.assertProblem(response, status, type, null);
    }

    @Test
    void operations_endpoints_need_no_token_and_the_document_is_served() throws Exception {
        assertThat(send("GET", "/health/ready", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = send("GET", "/metrics", null, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("ledger_projection_lag_events", "ledger_append_events_total",
                "ledger_append_oldest_in_flight_seconds 0.0", "vertx_http_server_requests", "vertx_sql");
        // answers are counted into latency buckets: the share over 25 ms (the rush's target) is readable
        assertThat(metrics.body()).containsPattern(
                "vertx_http_server_response_time_seconds_bucket\\{code=\"200\",method=\"GET\",route=\"/health/ready\",le=\"0\\.025\"} [0-9]+");
        // each SQL pool's waiters under its own name (pools of one name share the first pool's gauges)
        assertThat(metrics.body()).contains("vertx_pool_queue_pending{pool_name=\"shared\",pool_type=\"sql\"}",
                "vertx_pool_queue_pending{pool_name=\"store\",pool_type=\"sql\"}",
                "vertx_pool_queue_pending{pool_name=\"appends\",pool_type=\"sql\"}");
        HttpResponse<String> document = send("GET", "/openapi.yaml", null, null);
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).startsWith("openapi: 3.1.0");
    }

    @Test
    void no_token_or_a_forged_one_is_401_and_a_wrong_role_is_403() throws Exception {
        assertProblem(send("GET", "/v1/policies/9xun-privacy/versions", null, null), 401, "unauthenticated");
        String forged = new JwtSettings("another-secret-entirely-different", null, null)
                .auth(service.vertx()).generateToken(new JsonObject().put("sub", "x").put("roles", new JsonArray().add("auditor")));
        assertProblem(send("GET", "/v1/policies/9xun-privacy/versions", forged, null), 401, "unauthenticated");
        assertProblem(send("POST", "/v1/policies/9xun-privacy/versions", token("E1", "subject"), policyBody("2099-01-01")),
                403, "forbidden");
    }

    @Test
    void the_catalogue_lists_versions_to_any_role_and_an_unknown_policy_or_version_is_404() throws Exception {
        HttpResponse<String> catalogue = send("GET", "/v1/policies/9xun-privacy/versions", token("E1", "subject"), null);
        assertThat(catalogue.statusCode()).isEqualTo(200);
        JsonObject first = new JsonObject(catalogue.body()).getJsonArray("versions").getJsonObject(0);
        assertThat(first.getString("version")).isEqualTo(DemoPolicy.FIRST_VERSION);
        assertThat(first.getJsonArray("purposes")).hasSize(DemoPolicy.PURPOSES.size());
        assertThat(send("GET", "/v1/policies/9xun-privacy/versions/2020-07-20", token("p", "processor"), null).statusCode())
                .isEqualTo(200);
        assertProblem(send("GET", "/v1/policies/9xun-privacy/versions/1999-01-01", token("p", "processor"), null),
                404, "policy-unknown");
        assertProblem(send("GET", "/v1/policies/no-such-policy/versions", token("a", "auditor"), null), 404, "policy-unknown");
        assertProblem(send("POST", "/v1/policies/9xun-privacy/versions", token("admin-1", "policy-admin"),
                policyBody(DemoPolicy.FIRST_VERSION)), 409, "policy-version-exists");
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
    void an_access_body_out_of_the_usual_shape_is_still_held_to_the_contract() throws Exception {
        String processor = token("attendance-service", "processor");
        String usual = "{\"subjectId\":\"E7\",\"purpose\":\"location-clock-in\",\"dataCategories\":[\"precise-location\"]";
        HttpResponse<String> answered = send("POST", "/v1/access", processor, usual + "}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertProblem(send("POST", "/v1/access", processor, usual + "} {}"), 400, "invalid-request");
        assertProblem(send("POST", "/v1/access", processor, usual + ",\"occurredAt\":\"yesterday\"}"), 400, "invalid-request");
        assertProblem(send("POST", "/v1/access", processor, usual + ",\"unexpected\":true}"), 400, "invalid-request");
        assertProblem(send("POST", "/v1/access", processor, usual.replace("\"E7\"", "\"E 7\"") + "}"), 400,
                "invalid-request");
    }

    @Test
    void path_query_and_header_parameters_are_held_to_the_contract_too() throws Exception {
        String tooLong = "E" + "7".repeat(128);
        assertProblem(send("POST", "/v1/subjects/" + tooLong + "/consents", token(tooLong, "subject"),
                grantBody("profile-avatar")), 400, "invalid-request");
        assertProblem(send("POST", "/v1/subjects/E7/consents/profile-avatar/withdrawal", token("E7", "subject"),
                new JsonObject(), "k".repeat(201)), 400, "invalid-request");
        assertProblem(send("GET", "/v1/audit/access?limit=0", token("auditor-1", "auditor"), null), 400, "invalid-request");
        assertProblem(send("GET", "/v1/audit/access?limit=ten", token("auditor-1", "auditor"), null), 400, "invalid-request");
        assertThat(send("GET", "/v1/audit/access?limit=1", token("auditor-1", "auditor"), null).statusCode()).isEqualTo(200);
        // the withdrawal's body is optional: left out, the request is valid and reaches the rules
        assertProblem(send("POST", "/v1/subjects/E7/consents/profile-avatar/withdrawal", token("E7", "subject"), null),
                409, "consent-not-in-force");
    }

    @Test
    void hr_records_offboarding_with_its_deadline_and_a_subject_may_request_its_own_erasure() throws Exception {
        HttpResponse<String> offboarded = send("POST", "/v1/subjects/E3000/offboarding", token("hr-1", "hr"),
                new JsonObject().put("leftAt", java.time.Instant.now().minusSeconds(3_600).toString()));
        assertThat(offboarded.statusCode()).as(offboarded.body()).isEqualTo(201);
        assertThat(new JsonObject(offboarded.body()).getString("dueAt")).isNotBlank();
        assertProblem(send("POST", "/v1/subjects/E3000/offboarding", token("hr-1", "hr"),
                new JsonObject().put("leftAt", java.time.Instant.now().minusSeconds(60).toString())), 409, "already-offboarded");
        assertProblem(send("POST", "/v1/subjects/E3001/offboarding", token("E3001", "subject"),
                new JsonObject().put("leftAt", "2025-01-01T00:00:00Z")), 403, "forbidden");
        assertThat(send("POST", "/v1/subjects/E3001/erasure", token("E3001", "subject"), null).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/v1/subjects/E3000/deactivation", token("hr-1", "hr"), new JsonObject()).statusCode())
                .isEqualTo(201);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> late = send("GET", "/v1/audit/obligations?status=met", token("aud", "auditor"), null);
            assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
            assertThat(new JsonObject(late.body()).getJsonArray("items").stream().map(JsonObject.class::cast)
                    .map(item -> item.getString("subjectId"))).contains("E3000");
        });
        assertProblem(send("GET", "/v1/audit/obligations?status=forgotten", token("aud", "auditor"), null),
                400, "invalid-request");
    }

    @Test
    void a_batch_answers_every_item_and_a_broken_item_does_not_fail_the_others() throws Exception {
        JsonObject good = new JsonObject().put("subjectId", "E4000").put("purpose", "device-binding")
                .put("dataCategories", new JsonArray().add("imei"));
        JsonObject future = good.copy().put("occurredAt", "2999-01-01T00:00:00Z");
        HttpResponse<String> answered = send("POST", "/v1/access/batch", token("p", "processor"),
                new JsonObject().put("items", new JsonArray().add(good).add(future).add(good)));

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        JsonArray items = new JsonObject(answered.body()).getJsonArray("items");
        assertThat(items.getJsonObject(0).getString("verdict")).isEqualTo("allowed");
        assertThat(items.getJsonObject(1).getString("type")).isEqualTo("/problems/occurred-in-future");
        assertThat(items.getJsonObject(2).getString("reason")).isEqualTo("lawful-basis");

        JsonArray tooMany = new JsonArray();
        for (int index = 0; index < 1_001; index++) {
            tooMany.add(good);
        }
        assertProblem(send("POST", "/v1/access/batch", token("p", "processor"), new JsonObject().put("items", tooMany)),
                400, "invalid-request");

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> log = send("GET", "/v1/audit/access?subjectId=E4000&limit=10", token("aud", "auditor"), null);
            assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
            assertThat(new JsonObject(log.body()).getJsonArray("items")).hasSize(2);
        });
        assertProblem(send("GET", "/v1/audit/access", token("p", "processor"), null), 403, "forbidden");
    }

    @Test
    void a_retry_with_the_same_key_and_body_gets_the_first_answer_and_appends_nothing() throws Exception {
        String subject = token("E5000", "subject");
        JsonObject body = grantBody("profile-avatar");
        HttpResponse<String> first = send("POST", "/v1/subjects/E5000/consents", subject, body, "grant-1");
        HttpResponse<String> retry = send("POST", "/v1/subjects/E5000/consents", subject,
                new JsonObject(body.encodePrettily()), "grant-1");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(new JsonObject(send("GET", "/v1/subjects/E5000/history", subject, null).body()).getJsonArray("events"))
                .hasSize(1);

        assertProblem(send("POST", "/v1/subjects/E5000/consents", subject, grantBody("promotional-messages"), "grant-1"),
                409, "idempotency-key-reused");
        // keys are per caller: another subject's "grant-1" is its own
        assertThat(send("POST", "/v1/subjects/E5001/consents", token("E5001", "subject"), body, "grant-1").statusCode())
                .isEqualTo(201);
        // a client error is an answer too: the retry gets it again
        HttpResponse<String> refused = send("POST", "/v1/subjects/E5000/consents/liveness-detection/withdrawal", subject,
                new JsonObject(), "withdraw-1");
        assertProblem(refused, 409, "consent-not-in-force");
        assertThat(send("POST", "/v1/subjects/E5000/consents/liveness-detection/withdrawal", subject, new JsonObject(),
                "withdraw-1").body()).isEqualTo(refused.body());
    }

    @Test
    void the_export_streams_every_subject_page_by_page_as_json_lines_or_csv() throws Exception {
        int seeded = com.consentledger.ledger.demo.DemoSeeder.seedEmployees(service.ledger(),
                com.consentledger.ledger.demo.DemoSeeder.employees(250, java.time.Instant.now())).get(2, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(seeded).isPositive();
        String auditor = token("aud", "auditor");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> jsonl = send("GET", "/v1/audit/export?format=jsonl", auditor, null);
            assertThat(jsonl.statusCode()).as(jsonl.body()).isEqualTo(200);
            java.util.List<JsonObject> records = jsonl.body().lines().map(JsonObject::new).toList();
            assertThat(records).hasSizeGreaterThan(250);
            assertThat(records).extracting(record -> record.getJsonObject("header").getString("piiPrincipalId"))
                    .doesNotHaveDuplicates().contains("E000001", "E000250");
            assertThat(records.getFirst().getJsonArray("processing")).hasSize(DemoPolicy.PURPOSES.size());
        });
        HttpResponse<String> csv = send("GET", "/v1/audit/export?format=csv&asOf=2026-01-01T00:00:00Z", auditor, null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.body().lines().findFirst()).contains("subject_id,purpose,state,lawful_basis,since,policy_version,position");
        assertThat(csv.body().lines().skip(1)).allSatisfy(row -> assertThat(row.split(",", -1)).hasSize(7));
        assertProblem(send("GET", "/v1/audit/export", token("p", "processor"), null), 403, "forbidden");
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
