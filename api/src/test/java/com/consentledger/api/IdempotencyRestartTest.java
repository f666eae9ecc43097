package com.consentledger.api;

import com.consentledger.api.auth.JwtSettings;
import com.consentledger.ledger.calendar.CalendarFile;
import com.consentledger.ledger.database.DatabaseSettings;
import com.consentledger.ledger.demo.DemoPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency keys live in PostgreSQL: a retry after a restart still gets the first answer. */
class IdempotencyRestartTest {

    private static final JwtSettings JWT = new JwtSettings("an-idempotency-test-secret-long-enough", null, null);

    private static HttpResponse<String> access(int port, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/access"))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .header("Idempotency-Key", "clock-in-2025-03-03")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("subjectId", "E1")
                        .put("purpose", "device-binding").put("dataCategories", new JsonArray().add("imei")).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_retry_after_a_restart_gets_the_first_answer(@TempDir Path dataDir) throws Exception {
        Main.ServiceSettings settings = new Main.ServiceSettings(0, DatabaseSettings.embedded(dataDir),
                CalendarFile.bundledSample(), JWT);
        Vertx signer = Vertx.vertx();
        String token = JWT.auth(signer).generateToken(new JsonObject().put("sub", "attendance")
                .put("roles", new JsonArray(List.of("processor"))));
        HttpResponse<String> first;
        try (LedgerService service = LedgerService.start(settings)) {
            service.ledger().publish(DemoPolicy.firstVersion()).get(30, TimeUnit.SECONDS);
            first = access(service.port(), token);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        }
        try (LedgerService restarted = LedgerService.start(settings)) {
            HttpResponse<String> retry = access(restarted.port(), token);

            assertThat(retry.statusCode()).isEqualTo(200);
            assertThat(retry.body()).isEqualTo(first.body());
            String auditor = JWT.auth(signer).generateToken(new JsonObject().put("sub", "audit")
                    .put("roles", new JsonArray(List.of("auditor"))));
            HttpResponse<String> history = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + restarted.port() + "/v1/subjects/E1/history"))
                    .header("authorization", "Bearer " + auditor).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(new JsonObject(history.body()).getJsonArray("events")).as("one access recorded, not two").hasSize(1);
        } finally {
            signer.close();
        }
    }
}
