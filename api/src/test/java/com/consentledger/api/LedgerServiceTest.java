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
            service.ledger().publish(DemoPolicy.firstVersion()).get(30, TimeUnit.SECONDS);
            assertThat(service.ledger().decide(new GrantConsent("E1", DemoPolicy.POLICY_ID, "profile-avatar",
                    DemoPolicy.FIRST_VERSION, List.of(), "web", null, null)).get(30, TimeUnit.SECONDS))
                    .singleElement().satisfies(committed -> assertThat(committed.position()).isPositive());
            // the grant is in the access path's view at once, and the read models follow
            assertThat(service.consentView().subject("E1").toCompletableFuture().join().events()).hasSize(1);
            service.readModels().caughtUp(java.time.Duration.ofSeconds(30)).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertThat(service.readModels().runner("consent-history").checkpoint().eventsApplied()).isEqualTo(2);
        }
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
}
