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
 * @param walReserveMb how much WAL the embedded database keeps ready ahead of its writers, in MB; 0 leaves
 *                     PostgreSQL's default (see {@link EmbeddedDatabase})
 */
public record DatabaseSettings(String url, String migrationUrl, Path dataDir, int embeddedPort, int walReserveMb) {

    /**
     * The service's reserve on the embedded default: more than a full rush's WAL (557 MB for 452,662 accesses,
     * docs/benchmarks.md), so that none of its commits waits for a new WAL file.
     */
    public static final int DEFAULT_WAL_RESERVE_MB = 1024;
    /** The embedded database's {@code max_wal_size}: a reserve beyond it would be removed at the next checkpoint. */
    public static final int MAX_WAL_RESERVE_MB = 4096;

    public DatabaseSettings {
        if (walReserveMb < 0 || walReserveMb > MAX_WAL_RESERVE_MB) {
            throw new IllegalArgumentException("the WAL reserve must be from 0 to " + MAX_WAL_RESERVE_MB + " MB");
        }
    }

    /** The embedded database with no WAL reserve: for tests, which start many and write little. */
    public static DatabaseSettings embedded(Path dataDir) {
        return new DatabaseSettings(null, null, dataDir, 0, 0);
    }

    /**
     * {@code LEDGER_PG_URL}, {@code LEDGER_PG_MIGRATION_URL} and {@code LEDGER_DATA_DIR} (default {@code ./data});
     * the embedded port ({@code LEDGER_PG_EMBEDDED_PORT}) and the WAL reserve ({@code LEDGER_PG_WAL_RESERVE_MB}) come
     * checked from the caller, who words bad settings.
     */
    public static DatabaseSettings fromEnvironment(Map<String, String> env, int embeddedPort, int walReserveMb) {
        return new DatabaseSettings(
                blankToNull(env.get("LEDGER_PG_URL")),
                blankToNull(env.get("LEDGER_PG_MIGRATION_URL")),
                Path.of(env.getOrDefault("LEDGER_DATA_DIR", "data")).toAbsolutePath(),
                embeddedPort, walReserveMb);
    }

    public boolean isEmbedded() {
        return url == null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
