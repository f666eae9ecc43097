package com.consentledger.api;

import com.consentledger.api.auth.JwtSettings;
import com.consentledger.ledger.calendar.CalendarFile;
import com.consentledger.ledger.consent.GrantConsent;
import com.consentledger.ledger.database.DatabaseSettings;
import com.consentledger.ledger.demo.DemoPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerServiceTest {

    @Test
    void the_service_on_the_embedded_default_reports_ready_and_decides(@TempDir Path dataDir) throws Exception {
        try (LedgerService service = LedgerService.start(new Main.ServiceSettings(0, DatabaseSettings.embedded(dataDir),
                CalendarFile.bundledSample(), new JwtSettings("a-test-secret", null, null)))) {
            HttpResponse<String> ready = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"UP\"");
            if (System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64")) {
                // the api module ships epoll for this platform only; elsewhere Vert.x stays on NIO
                assertThat(service.vertx().isNativeTransportEnabled()).as("epoll transport").isTrue();
            }
            service.ledger().publish(DemoPolicy.firstVersion()).get(30, TimeUnit.SECONDS);
            assertThat(service.ledger().decide(new GrantConsent("E1", DemoPolicy.POLICY_ID, "profile-avatar",
                    DemoPolicy.FIRST_VERSION, List.of(), "web", null, null)).get(30, TimeUnit.SECONDS))
                    .singleElement().satisfies(committed -> {
                        assertThat(committed.position()).isPositive();
                        // time-ordered ids keep the event_id index growing at its edge (TimeOrderedIds)
                        assertThat(committed.eventId().version()).isEqualTo(7);
                    });
            // the grant is in the access path's view at once, and the read models follow
            assertThat(service.consentView().subject("E1").toCompletableFuture().join().events()).hasSize(1);
            service.readModels().caughtUp(java.time.Duration.ofSeconds(30)).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            // the grant; the policy version before it is not one of the projection's types, it only passes it
            assertThat(service.readModels().runner("consent-history").checkpoint().eventsApplied()).isEqualTo(1);
        }
    }

    @Test
    void a_stop_answers_the_requests_in_flight_and_every_answered_access_is_stored(@TempDir Path dataDir) throws Exception {
        JwtSettings jwt = new JwtSettings("a-shutdown-test-secret-long-enough", null, null);
        Main.ServiceSettings settings = new Main.ServiceSettings(0, DatabaseSettings.embedded(dataDir),
                CalendarFile.bundledSample(), jwt);
        io.vertx.core.Vertx signing = io.vertx.core.Vertx.vertx();
        String token = jwt.auth(signing).generateToken(new io.vertx.core.json.JsonObject().put("sub", "attendance")
                .put("roles", new io.vertx.core.json.JsonArray().add("processor")));
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> requests = new java.util.ArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        try (LedgerService service = LedgerService.start(settings)) {
            service.ledger().publish(DemoPolicy.firstVersion()).get(30, TimeUnit.SECONDS);
            for (int index = 0; index < 300; index++) {
                requests.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/v1/access"))
                        .header("authorization", "Bearer " + token).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"subjectId\":\"E" + index
                                + "\",\"purpose\":\"device-binding\",\"dataCategories\":[\"imei\"]}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(50); // let some be in flight, then stop under them
        }
        long answered = requests.stream().filter(request -> {
            try {
                return request.get(30, TimeUnit.SECONDS).statusCode() == 200;
            } catch (Exception refusedOrCut) {
                return false;
            }
        }).count();
        signing.close();

        try (LedgerService restarted = LedgerService.start(settings)) {
            long stored = 0;
            for (int index = 0; index < 300; index++) {
                stored += restarted.store().readSubject("E" + index, Long.MAX_VALUE).toCompletionStage()
                        .toCompletableFuture().get(10, TimeUnit.SECONDS).size();
            }
            assertThat(answered).isPositive();
            assertThat(stored).as("every access answered 200 is in the store").isGreaterThanOrEqualTo(answered);
        }
    }

    @Test
    void a_config_file_mirrors_the_environment_which_wins(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ledger.properties"),
                "LEDGER_HTTP_PORT = 9090\nLEDGER_JWT_ISSUER=https://id.example\nLEDGER_DATA_DIR=" + dir + "\n");
        Path typo = Files.writeString(dir.resolve("typo.properties"), "LEDGER_HTTP_PROT=9090\n");

        var fromFile = Main.ServiceSettings.fromEnvironment(Main.ServiceSettings.withConfigFile(
                Map.of("LEDGER_CONFIG_FILE", file.toString())));
        var overridden = Main.ServiceSettings.fromEnvironment(Main.ServiceSettings.withConfigFile(
                Map.of("LEDGER_CONFIG_FILE", file.toString(), "LEDGER_HTTP_PORT", "7070")));

        assertThat(fromFile.httpPort()).isEqualTo(9090);
        assertThat(fromFile.jwt().issuer()).isEqualTo("https://id.example");
        assertThat(overridden.httpPort()).isEqualTo(7070);
        assertThatThrownBy(() -> Main.ServiceSettings.withConfigFile(Map.of("LEDGER_CONFIG_FILE", typo.toString())))
                .isInstanceOf(Main.InvalidConfigurationException.class).hasMessageContaining("LEDGER_HTTP_PROT");
    }

    @Test
    void the_calendar_comes_from_the_configured_file_and_a_broken_one_stops_the_start(@TempDir Path dir) throws Exception {
        Path calendar = Files.writeString(dir.resolve("calendar.txt"), "zone Europe/Berlin\n2025-12-25 holiday Christmas\n");
        Path broken = Files.writeString(dir.resolve("broken.txt"), "zone Europe/Berlin\n2025-12-25 holday\n");

        var settings = Main.ServiceSettings.fromEnvironment(Map.of("LEDGER_CALENDAR_FILE", calendar.toString()));

        assertThat(settings.calendar().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(settings.calendar().isWorkingDay(LocalDate.parse("2025-12-25"))).isFalse();
        assertThat(Main.ServiceSettings.fromEnvironment(Map.of()).calendar().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThatThrownBy(() -> Main.ServiceSettings.fromEnvironment(Map.of("LEDGER_CALENDAR_FILE", broken.toString())))
                .isInstanceOf(Main.InvalidConfigurationException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> Main.ServiceSettings.fromEnvironment(Map.of("LEDGER_HTTP_PORT", "eighty")))
                .isInstanceOf(Main.InvalidConfigurationException.class).hasMessageContaining("LEDGER_HTTP_PORT");
    }

    @Test
    void the_http_event_loops_default_to_one_per_core_and_a_bad_count_stops_the_start() {
        assertThat(Main.ServiceSettings.fromEnvironment(Map.of()).httpEventLoops())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(Main.ServiceSettings.fromEnvironment(Map.of("LEDGER_HTTP_EVENT_LOOPS", "3")).httpEventLoops()).isEqualTo(3);
        for (String bad : java.util.List.of("0", "-1", "many", "257")) {
            assertThatThrownBy(() -> Main.ServiceSettings.fromEnvironment(Map.of("LEDGER_HTTP_EVENT_LOOPS", bad)))
                    .isInstanceOf(Main.InvalidConfigurationException.class).hasMessageContaining("LEDGER_HTTP_EVENT_LOOPS");
        }
    }

    @Test
    void a_bad_embedded_database_port_stops_the_start_with_its_name() {
        assertThat(Main.ServiceSettings.fromEnvironment(Map.of()).database().embeddedPort()).isZero();
        assertThat(Main.ServiceSettings.fromEnvironment(Map.of("LEDGER_PG_EMBEDDED_PORT", "5433")).database().embeddedPort())
                .isEqualTo(5433);
        assertThatThrownBy(() -> Main.ServiceSettings.fromEnvironment(Map.of("LEDGER_PG_EMBEDDED_PORT", "54x")))
                .isInstanceOf(Main.InvalidConfigurationException.class).hasMessageContaining("LEDGER_PG_EMBEDDED_PORT");
    }

    @Test
    void the_wal_reserve_defaults_to_a_gigabyte_and_a_bad_size_stops_the_start() {
        assertThat(Main.ServiceSettings.fromEnvironment(Map.of()).database().walReserveMb()).isEqualTo(1024);
        assertThat(Main.ServiceSettings.fromEnvironment(Map.of("LEDGER_PG_WAL_RESERVE_MB", "0")).database().walReserveMb())
                .isZero();
        for (String bad : List.of("-1", "4097", "1GB")) {
            assertThatThrownBy(() -> Main.ServiceSettings.fromEnvironment(Map.of("LEDGER_PG_WAL_RESERVE_MB", bad)))
                    .isInstanceOf(Main.InvalidConfigurationException.class).hasMessageContaining("LEDGER_PG_WAL_RESERVE_MB");
        }
    }
}
