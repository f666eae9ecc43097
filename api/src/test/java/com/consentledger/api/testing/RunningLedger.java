package com.consentledger.api.testing;

import com.consentledger.api.LedgerService;
import com.consentledger.api.Main;
import com.consentledger.api.auth.JwtSettings;
import com.consentledger.ledger.calendar.CalendarFile;
import com.consentledger.ledger.database.DatabaseSettings;
import com.consentledger.ledger.demo.DemoPolicy;
import com.consentledger.ledger.testing.ScratchDirectory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The service on a fresh embedded PostgreSQL, with tokens signed by its secret and a plain HTTP client. */
public final class RunningLedger implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final LedgerService service;
    private final ScratchDirectory dataDir;
    private final Vertx signing = Vertx.vertx();
    private final JWTAuth signer;

    private RunningLedger(LedgerService service, ScratchDirectory dataDir, JwtSettings jwt) {
        this.service = service;
        this.dataDir = dataDir;
        this.signer = jwt.auth(signing);
    }

    /** Started in a new data directory under {@code target/}, removed at close; the demo policy published when asked. */
    public static RunningLedger start(String name, boolean withDemoPolicy) throws Exception {
        ScratchDirectory dataDir = ScratchDirectory.underTarget(name);
        JwtSettings jwt = new JwtSettings("a-" + name + "-test-secret-long-enough-for-hs256", null, null);
        RunningLedger ledger = new RunningLedger(LedgerService.start(new Main.ServiceSettings(0,
                DatabaseSettings.embedded(dataDir.path()), CalendarFile.bundledSample(), jwt)), dataDir, jwt);
        if (withDemoPolicy) {
            ledger.service.ledger().publish(DemoPolicy.firstVersion()).get(30, TimeUnit.SECONDS);
        }
        return ledger;
    }

    public String token(String subject, String... roles) {
        return signer.generateToken(new JsonObject().put("sub", subject).put("roles", new JsonArray(List.of(roles))),
                new JWTOptions().setExpiresInMinutes(10));
    }

    public HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        return send(method, path, token, body, null);
    }

    /** {@code body} is sent as it prints (a JsonObject, or a string to send malformed JSON); null sends none. */
    public HttpResponse<String> send(String method, String path, String token, Object body, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An RFC 9457 problem of this status and type, naming {@code field} unless it is null. */
    public static void assertProblem(HttpResponse<String> response, int status, String type, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("type")).isEqualTo("/problems/" + type);
        if (field != null) {
            assertThat(problem.getString("field")).isEqualTo(field);
        }
    }

    @Override
    public void close() {
        service.close();
        signing.close();
        dataDir.close();
    }
}
