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
                System.err.println("usage: java -jar consent-ledger.jar [--demo]   (unknown argument: " + arg + ")");
                System.exit(2);
            }
        }
        try {
            ServiceSettings settings = ServiceSettings.fromEnvironment(System.getenv());
            LedgerService service = LedgerService.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, "ledger-shutdown"));
            if (demo) {
                System.out.println(DemoMode.start(service.vertx(), service.ledger(), settings.jwt(),
                        settings.database().dataDir(), service.port()));
            }
        } catch (DatabaseUnavailableException | InvalidConfigurationException e) {
            LOG.error("Consent Ledger cannot start: {}", e.getMessage());
            System.exit(1);
        }
    }

    /**
     * @param httpPort {@code LEDGER_HTTP_PORT}, default 8080
     * @param calendar working days for deadlines: {@code LEDGER_CALENDAR_FILE}, default the bundled mainland-China
     *                 sample (docs/calendar.md)
     * @param jwt      how bearer tokens are verified ({@code LEDGER_JWT_*})
     */
    public record ServiceSettings(int httpPort, DatabaseSettings database, WorkingDayCalendar calendar, JwtSettings jwt) {

        public static ServiceSettings fromEnvironment(Map<String, String> env) {
            DatabaseSettings database = DatabaseSettings.fromEnvironment(env);
            return new ServiceSettings(port(env.getOrDefault("LEDGER_HTTP_PORT", "8080")), database,
                    calendar(env.get("LEDGER_CALENDAR_FILE")), JwtSettings.fromEnvironment(env, database.dataDir()));
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value.strip());
                if (port < 0 || port > 65_535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException notAPort) {
                throw new InvalidConfigurationException("LEDGER_HTTP_PORT must be a port number (0-65535), was '"
                        + value + "'");
            }
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
