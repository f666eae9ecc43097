package com.consentledger.api;

import com.consentledger.ledger.database.DatabaseSettings;
import com.consentledger.api.auth.JwtSettings;
import com.consentledger.api.operations.DemoMode;
import com.consentledger.ledger.calendar.CalendarFile;
import com.consentledger.ledger.calendar.WorkingDayCalendar;
import com.consentledger.ledger.database.DatabaseUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** {@code java -jar consent-ledger.jar}: the service on the configured or the embedded database. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        // Axon's update checker phones home; the ledger never lets it.
        System.setProperty("axoniq.update-checker.disabled", "true");
        boolean demo = false;
        for (String arg : args) {
            if (arg.equals("--demo")) {
                demo = true;
            } else {
                // before any logging is set up: a usage error goes to the terminal
                System.err.println("usage: java -jar consent-ledger.jar [--demo]   (unknown argument: " + arg + ")");
                System.exit(2);
            }
        }
        try {
            Map<String, String> configuration = ServiceSettings.withConfigFile(System.getenv());
            ServiceSettings settings = ServiceSettings.fromEnvironment(configuration);
            int demoEmployees = demo ? wholeNumber("LEDGER_DEMO_EMPLOYEES", configuration.get("LEDGER_DEMO_EMPLOYEES"), 1,
                    1_000_000, DemoMode.EMPLOYEES) : 0;
            LedgerService service = LedgerService.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, "ledger-shutdown"));
            if (demo) {
                // printed, not logged: the tokens are for the person at this terminal, not for log shippers
                System.out.println(DemoMode.start(service.vertx(), service.ledger(), settings.jwt(),
                        settings.database().dataDir(), service.port(), demoEmployees));
            }
        } catch (DatabaseUnavailableException | InvalidConfigurationException e) {
            LOG.error("Consent Ledger cannot start: {}", e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            // e.g. the HTTP port taken: without the exit the event loops and the embedded database would keep the
            // JVM alive, serving nothing
            LOG.error("Consent Ledger cannot start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    /** A whole-number setting from {@code min} to {@code max}; unset gives {@code fallback}, anything else stops the start. */
    static int wholeNumber(String name, String value, int min, int max, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException outOfRange) {
            throw new InvalidConfigurationException(name + " must be a whole number from " + min + " to " + max
                    + ", was '" + value + "'");
        }
    }

    /**
     * @param httpPort {@code LEDGER_HTTP_PORT}, default 8080
     * @param calendar working days for deadlines: {@code LEDGER_CALENDAR_FILE}, default the bundled mainland-China
     *                 sample (docs/calendar.md)
     * @param jwt      how bearer tokens are verified ({@code LEDGER_JWT_*})
     * @param httpEventLoops event loops serving HTTP: {@code LEDGER_HTTP_EVENT_LOOPS}, default one per core
     */
    public record ServiceSettings(int httpPort, DatabaseSettings database, WorkingDayCalendar calendar, JwtSettings jwt,
                                  int httpEventLoops) {

        /** One event loop per core: each takes a share of the connections. */
        public static final int DEFAULT_HTTP_EVENT_LOOPS = Runtime.getRuntime().availableProcessors();

        public ServiceSettings(int httpPort, DatabaseSettings database, WorkingDayCalendar calendar, JwtSettings jwt) {
            this(httpPort, database, calendar, jwt, DEFAULT_HTTP_EVENT_LOOPS);
        }

        public static ServiceSettings fromEnvironment(Map<String, String> env) {
            DatabaseSettings database = DatabaseSettings.fromEnvironment(env,
                    wholeNumber("LEDGER_PG_EMBEDDED_PORT", env.get("LEDGER_PG_EMBEDDED_PORT"), 0, 65_535, 0),
                    wholeNumber("LEDGER_PG_WAL_RESERVE_MB", env.get("LEDGER_PG_WAL_RESERVE_MB"), 0,
                            DatabaseSettings.MAX_WAL_RESERVE_MB, DatabaseSettings.DEFAULT_WAL_RESERVE_MB));
            return new ServiceSettings(wholeNumber("LEDGER_HTTP_PORT", env.get("LEDGER_HTTP_PORT"), 0, 65_535, 8080), database,
                    calendar(env.get("LEDGER_CALENDAR_FILE")), JwtSettings.fromEnvironment(env, database.dataDir()),
                    wholeNumber("LEDGER_HTTP_EVENT_LOOPS", env.get("LEDGER_HTTP_EVENT_LOOPS"), 1, 256, DEFAULT_HTTP_EVENT_LOOPS));
        }

        /** The settings a config file may hold: the same names as the environment variables. */
        static final java.util.Set<String> KEYS = java.util.Set.of("LEDGER_HTTP_PORT", "LEDGER_PG_URL",
                "LEDGER_PG_MIGRATION_URL", "LEDGER_DATA_DIR", "LEDGER_PG_EMBEDDED_PORT", "LEDGER_CALENDAR_FILE",
                "LEDGER_JWT_SECRET", "LEDGER_JWT_PUBLIC_KEY", "LEDGER_JWT_ISSUER", "LEDGER_DEMO_EMPLOYEES",
                "LEDGER_HTTP_EVENT_LOOPS", "LEDGER_PG_WAL_RESERVE_MB");

        /**
         * The environment over the file named by {@code LEDGER_CONFIG_FILE} (a properties file with the same
         * names): environment variables win, so one file can serve several instances. A name the ledger does not
         * know stops the start: it is a typo that would silently fall back to a default.
         */
        public static Map<String, String> withConfigFile(Map<String, String> env) {
            String file = env.get("LEDGER_CONFIG_FILE");
            if (file == null || file.isBlank()) {
                return env;
            }
            java.util.Properties properties = new java.util.Properties();
            try (var reader = java.nio.file.Files.newBufferedReader(Path.of(file))) {
                properties.load(reader);
            } catch (java.io.IOException unreadable) {
                throw new InvalidConfigurationException("LEDGER_CONFIG_FILE: cannot read " + file + ": " + unreadable.getMessage());
            }
            Map<String, String> merged = new java.util.HashMap<>();
            for (String name : properties.stringPropertyNames()) {
                if (!KEYS.contains(name)) {
                    throw new InvalidConfigurationException("LEDGER_CONFIG_FILE " + file + ": unknown setting " + name
                            + "; known: " + new java.util.TreeSet<>(KEYS));
                }
                merged.put(name, properties.getProperty(name).strip());
            }
            merged.putAll(env);
            return merged;
        }

        private static WorkingDayCalendar calendar(String file) {
            if (file == null || file.isBlank()) {
                return CalendarFile.bundledSample();
            }
            try {
                return CalendarFile.load(Path.of(file));
            } catch (IllegalArgumentException | UncheckedIOException unusable) {
                throw new InvalidConfigurationException("LEDGER_CALENDAR_FILE: " + unusable.getMessage());
            }
        }
    }

    /** A setting that cannot be used; the message says which and why. */
    public static final class InvalidConfigurationException extends RuntimeException {
        public InvalidConfigurationException(String message) {
            super(message);
        }
    }
}
