package com.consentledger.api;

import com.consentledger.ledger.database.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerServiceTest {

    @Test
    void the_service_on_the_embedded_default_reports_ready(@TempDir Path dataDir) throws Exception {
        try (LedgerService service = LedgerService.start(new Main.ServiceSettings(0, DatabaseSettings.embedded(dataDir)))) {
            HttpResponse<String> ready = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"UP\"");
        }
    }
}
