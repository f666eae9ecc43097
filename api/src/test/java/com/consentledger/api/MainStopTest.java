package com.consentledger.api;

import com.consentledger.api.testing.MainProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stop (SIGTERM, as a service manager or the rush runner sends it) drains the service and stops its embedded
 * database last. The embedded PostgreSQL library's own shutdown hook once stopped the database beside the service's,
 * while the service was still draining: every stop logged its projections' checkpoints refused by a database
 * "shutting down", and appends still queued would have failed the same way.
 */
class MainStopTest {

    @Test
    void a_stop_drains_the_service_before_its_embedded_database_stops(@TempDir Path dataDir) throws Exception {
        Path log = dataDir.resolve("service.log");
        Process service = MainProcess.start(dataDir, 0, log);
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> read(log).contains("Consent Ledger listening on")
                    || !service.isAlive());
            assertThat(service.isAlive()).as(read(log)).isTrue();

            service.destroy(); // SIGTERM
            boolean ended = service.waitFor(120, TimeUnit.SECONDS);

            String output = read(log);
            assertThat(ended).as(output).isTrue();
            assertThat(output).contains("Consent Ledger stopping")
                    .doesNotContain("shutting down (57P03)")
                    .doesNotContain("administrator command (57P01)")
                    .doesNotContain("could not store its checkpoint");
            // stopped, not left running: PostgreSQL removes its pid file as it ends
            assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
        } finally {
            service.destroyForcibly().waitFor();
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
