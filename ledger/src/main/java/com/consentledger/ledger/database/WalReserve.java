package com.consentledger.ledger.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Keeps WAL files ready ahead of the writers of the embedded database. A WAL file PostgreSQL does not have yet is
 * written in full with zeros and synced before the first record goes into it, and every commit waits meanwhile
 * (50–106 ms on this project's machine, docs/benchmarks.md). A checkpoint renames used files for reuse instead, up to
 * {@code min_wal_size}, but a fresh data directory has none to rename: its first writers would create every file.
 * So at start the reserve is filled once: the server moves on to new files until enough exist, then a checkpoint
 * renames them for reuse. Later starts find them there and do nothing. Blocking; used at startup only.
 */
final class WalReserve {

    private static final Logger LOG = LoggerFactory.getLogger(WalReserve.class);
    /** WAL files after the one being written: named in order, so a later name is a file still to be used. */
    private static final String FILES_AHEAD = """
            SELECT count(*) FROM pg_ls_waldir()
            WHERE name ~ '^[0-9A-F]{24}$' AND name > pg_walfile_name(pg_current_wal_insert_lsn())""";

    private WalReserve() {
    }

    static void fill(String superuserJdbcUrl, int megabytes) {
        if (megabytes == 0) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(superuserJdbcUrl, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            long fileBytes = number(statement, "SELECT pg_size_bytes(current_setting('wal_segment_size'))");
            long wanted = Math.ceilDiv(megabytes * 1024L * 1024L, fileBytes);
            long ahead = number(statement, FILES_AHEAD);
            if (ahead >= wanted) {
                return;
            }
            long started = System.nanoTime();
            // one more than wanted: the checkpoint keeps the file it starts in
            for (long file = ahead; file <= wanted; file++) {
                // a switch ends the current file only if something was written to it since the last switch: a
                // transaction id makes its commit write a record
                statement.execute("SELECT pg_current_xact_id()");
                statement.execute("SELECT pg_switch_wal()");
            }
            statement.execute("CHECKPOINT");
            LOG.info("reserved WAL ahead of the writers: {} files of {} MB ready (was {}), in {} ms",
                    number(statement, FILES_AHEAD), fileBytes / (1024 * 1024), ahead,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot reserve " + megabytes + " MB of WAL files: " + e.getMessage(), e);
        }
    }

    private static long number(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
