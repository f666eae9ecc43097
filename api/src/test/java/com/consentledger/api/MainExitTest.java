package com.consentledger.api;

import com.consentledger.api.testing.MainProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start that fails ends the process, and stops the embedded database it started. With the HTTP port taken, the
 * exception once left {@code main} while the event loops and the embedded database kept the JVM alive, serving
 * nothing: the rush runner waited for it.
 */
class MainExitTest {

    @Test
    void a_taken_http_port_ends_the_process_with_status_1_and_says_why(@TempDir Path dataDir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process service = MainProcess.start(dataDir, taken.getLocalPort(), dataDir.resolve("service.log"));

            boolean ended = service.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                service.destroyForcibly().waitFor();
            }
            String output = Files.readString(dataDir.resolve("service.log"), StandardCharsets.UTF_8);

            assertThat(ended).as(output).isTrue();
            assertThat(service.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("Consent Ledger cannot start").contains("Address already in use");
            // the embedded database it had started is stopped, not left behind (PostgreSQL removes its pid file)
            assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
        }
    }
}
