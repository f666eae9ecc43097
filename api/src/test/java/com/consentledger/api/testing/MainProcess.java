package com.consentledger.api.testing;

import com.consentledger.api.Main;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@link Main} in a JVM of its own, as an operator starts it: for what only a real process shows (exit, signals). */
public final class MainProcess {

    private MainProcess() {
    }

    /** Started on {@code httpPort} (0: any) with its data under {@code dataDir}; its output goes to {@code log}. */
    public static Process start(Path dataDir, int httpPort, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Daxoniq.update-checker.disabled=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LEDGER_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("LEDGER_DATA_DIR", dataDir.toString());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return builder.start();
    }
}
