package com.consentledger.ledger.testing;

import com.consentledger.ledger.database.DatabaseSettings;
import com.consentledger.ledger.database.EmbeddedDatabase;
import com.consentledger.ledger.database.LedgerDatabase;
import io.vertx.core.Future;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM (a real server with fsync on, not a mock), and a freshly
 * migrated database per caller, reached as a restricted service role the way production reaches an
 * external server.
 */
public final class TestPostgres {

    public static final String TEST_APP_ROLE = "ledger_test_app";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedDatabase server;

    private TestPostgres() {
    }

    public static synchronized LedgerDatabase freshDatabase() {
        EmbeddedDatabase running = server();
        String name = "ledger_test_" + DATABASES.incrementAndGet();
        superuser(running, "postgres", "CREATE DATABASE " + name);
        String base = "postgresql://%s:%s@localhost:" + running.port() + "/" + name;
        return LedgerDatabase.open(new DatabaseSettings(
                base.formatted(TEST_APP_ROLE, "test"), base.formatted("postgres", "postgres"),
                Path.of("target"), 0, 0));
    }

    public static synchronized EmbeddedDatabase server() {
        if (server == null) {
            ScratchDirectory dataDir = ScratchDirectory.underTarget("test-postgres");
            EmbeddedDatabase started = EmbeddedDatabase.start(dataDir.path(), 0, 0);
            server = started;
            superuser(started, "postgres", "CREATE ROLE " + TEST_APP_ROLE + " LOGIN PASSWORD 'test'");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                dataDir.close();
            }));
        }
        return server;
    }

    public static void superuser(EmbeddedDatabase database, String dbName, String sql) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(dbName), "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Waits on a test thread (never an event loop) for a Vert.x future. */
    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
