package com.consentledger.ledger.database;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the ledger's PostgreSQL is.
 *
 * @param url          {@code postgresql://user:pw@host:5432/db} the service connects with; {@code null}
 *                     starts the embedded PostgreSQL under {@code dataDir}
 * @param migrationUrl the (owner) connection that runs schema migrations; {@code null}: {@code url}
 * @param dataDir      the embedded database and the service's keys live here
 * @param embeddedPort fixed port of the embedded database, 0 for any free port
 */
public record DatabaseSettings(String url, String migrationUrl, Path dataDir, int embeddedPort) {

    public static DatabaseSettings embedded(Path dataDir) {
        return new DatabaseSettings(null, null, dataDir, 0);
    }

    /**
     * {@code LEDGER_PG_URL}, {@code LEDGER_PG_MIGRATION_URL} and {@code LEDGER_DATA_DIR} (default {@code ./data});
     * the embedded port ({@code LEDGER_PG_EMBEDDED_PORT}) comes checked from the caller, who words bad settings.
     */
    public static DatabaseSettings fromEnvironment(Map<String, String> env, int embeddedPort) {
        return new DatabaseSettings(
                blankToNull(env.get("LEDGER_PG_URL")),
                blankToNull(env.get("LEDGER_PG_MIGRATION_URL")),
                Path.of(env.getOrDefault("LEDGER_DATA_DIR", "data")).toAbsolutePath(),
                embeddedPort);
    }

    public boolean isEmbedded() {
        return url == null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
