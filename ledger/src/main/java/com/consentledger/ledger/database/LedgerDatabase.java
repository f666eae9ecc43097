package com.consentledger.ledger.database;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

/**
 * Brings the ledger's database up at startup (blocking, before any event loop serves): starts the
 * embedded default or reaches the configured server, fails fast with a clear message when it cannot,
 * migrates the schema, and says how the service connects. On the embedded default the service connects
 * as {@code ledger_app}, a role that may read and append but never update, delete or truncate.
 */
public final class LedgerDatabase implements AutoCloseable {

    /** Login role of the service on the embedded default; member of ledger_writer. */
    public static final String APP_ROLE = "ledger_app";
    private static final String DATABASE = "ledger";
    private static final Logger LOG = LoggerFactory.getLogger(LedgerDatabase.class);

    private final EmbeddedDatabase embedded;
    private final PgConnectOptions appOptions;
    private final PgConnectOptions ownerOptions;

    private LedgerDatabase(EmbeddedDatabase embedded, PgConnectOptions appOptions, PgConnectOptions ownerOptions) {
        this.embedded = embedded;
        this.appOptions = appOptions;
        this.ownerOptions = ownerOptions;
    }

    public static LedgerDatabase open(DatabaseSettings settings) {
        return settings.isEmbedded() ? openEmbedded(settings) : openExternal(settings);
    }

    private static LedgerDatabase openEmbedded(DatabaseSettings settings) {
        EmbeddedDatabase embedded = EmbeddedDatabase.start(settings.dataDir(), settings.embeddedPort(), settings.walReserveMb());
        try {
            PgConnectOptions owner = new PgConnectOptions().setHost("localhost").setPort(embedded.port())
                    .setUser("postgres").setPassword("postgres").setDatabase(DATABASE);
            createDatabaseIfMissing(embedded.jdbcUrl("postgres"));
            migrate(owner);
            String password = appPassword(settings.dataDir());
            ensureAppRole(owner, password);
            PgConnectOptions app = new PgConnectOptions(owner).setUser(APP_ROLE).setPassword(password);
            return new LedgerDatabase(embedded, app, owner);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    private static LedgerDatabase openExternal(DatabaseSettings settings) {
        PgConnectOptions app = parse(settings.url(), "LEDGER_PG_URL");
        PgConnectOptions owner = settings.migrationUrl() == null ? app
                : parse(settings.migrationUrl(), "LEDGER_PG_MIGRATION_URL");
        migrate(owner);
        if (owner.getUser().equals(app.getUser())) {
            LOG.warn("the service connects as {}, which owns the ledger schema: append-only is enforced by "
                    + "triggers only. Set LEDGER_PG_MIGRATION_URL to an owner and LEDGER_PG_URL to a role granted "
                    + "ledger_writer to enforce it by privileges too.", app.getUser());
        } else {
            execute(owner, "GRANT ledger_writer TO \"" + app.getUser().replace("\"", "\"\"") + "\"");
        }
        return new LedgerDatabase(null, app, owner);
    }

    /** How the service connects (the restricted role on the embedded default). */
    public PgConnectOptions appConnectOptions() {
        return new PgConnectOptions(appOptions);
    }

    /** The schema owner's connection: migrations, administration and tests. */
    public PgConnectOptions ownerConnectOptions() {
        return new PgConnectOptions(ownerOptions);
    }

    /**
     * How PostgreSQL plans the prepared statements of a pool's connections.
     * {@link #PER_CALL_WHEN_CHEAPER} is its default: after five calls it keeps a generic plan only if that plan's
     * estimate is no worse than the calls' own. For a statement on a value it cannot estimate (an array of tags,
     * a {@code LIMIT $3}) the generic estimate stays worse, so it plans again on every call although it picks
     * the same index each time: planning then cost more than running (docs/decisions.md).
     */
    public enum StatementPlans {
        /** Plans that may follow the values, for queries whose best plan does depend on them (auditors' filters). */
        PER_CALL_WHEN_CHEAPER,
        /** One plan per statement and connection ({@code plan_cache_mode=force_generic_plan}). */
        GENERIC
    }

    /** A pipelining pool whose wait queue is bounded: past it a request fails fast instead of queueing forever. */
    public Pool createPool(Vertx vertx, int maxSize, int maxWaitQueue) {
        return createPool(vertx, PoolOptions.DEFAULT_NAME, maxSize, maxWaitQueue, StatementPlans.PER_CALL_WHEN_CHEAPER);
    }

    /**
     * @param name the pool's {@code pool_name} in the metrics: pools of one name share one set of gauges (the
     *             first pool's; Micrometer ignores the others')
     */
    public Pool createPool(Vertx vertx, String name, int maxSize, int maxWaitQueue, StatementPlans plans) {
        PgConnectOptions options = appConnectOptions().setPipeliningLimit(256).setCachePreparedStatements(true);
        if (plans == StatementPlans.GENERIC) {
            options.addProperty("plan_cache_mode", "force_generic_plan");
        }
        return PgBuilder.pool()
                .with(new PoolOptions().setName(name).setMaxSize(maxSize).setMaxWaitQueueSize(maxWaitQueue))
                .connectingTo(options)
                .using(vertx)
                .build();
    }

    public String describe() {
        return (embedded != null ? "embedded PostgreSQL " : "PostgreSQL ")
                + appOptions.getHost() + ":" + appOptions.getPort() + "/" + appOptions.getDatabase()
                + " as " + appOptions.getUser();
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }

    private static PgConnectOptions parse(String url, String variable) {
        try {
            return PgConnectOptions.fromUri(url);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException(variable + " is not a postgresql://user:password@host:port/database "
                    + "URL: " + e.getMessage(), e);
        }
    }

    static String jdbcUrl(PgConnectOptions options) {
        return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase()
                + "?connectTimeout=10";
    }

    private static void migrate(PgConnectOptions owner) {
        try {
            Flyway.configure()
                    .dataSource(jdbcUrl(owner), owner.getUser(), owner.getPassword())
                    .schemas("ledger")
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot reach or migrate PostgreSQL at " + owner.getHost() + ":"
                    + owner.getPort() + "/" + owner.getDatabase() + " as " + owner.getUser() + ": "
                    + rootMessage(e), e);
        }
    }

    private static void createDatabaseIfMissing(String superuserJdbcUrl) {
        try (Connection connection = DriverManager.getConnection(superuserJdbcUrl, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot create the ledger database: " + e.getMessage(), e);
        }
    }

    private static void ensureAppRole(PgConnectOptions owner, String password) {
        String quoted = "'" + password.replace("'", "''") + "'";
        execute(owner, "DO $$ BEGIN "
                + "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APP_ROLE + "') THEN "
                + "CREATE ROLE " + APP_ROLE + " LOGIN; END IF; END $$");
        execute(owner, "ALTER ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD " + quoted);
        execute(owner, "GRANT ledger_writer TO " + APP_ROLE);
    }

    private static void execute(PgConnectOptions options, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(options), options.getUser(), options.getPassword());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("database set-up failed: " + e.getMessage(), e);
        }
    }

    /** The app role's password: generated once, kept in the data directory, readable by its owner only. */
    private static String appPassword(Path dataDir) {
        Path file = dataDir.resolve("ledger-app.password");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Files.writeString(file, password);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return password;
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot keep the database password in " + file, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
