package com.consentledger.api;

import com.consentledger.ledger.database.DatabaseSettings;
import com.consentledger.ledger.database.DatabaseUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar consent-ledger.jar}: the service on the configured or the embedded database. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        // Axon's update checker phones home; the ledger never lets it.
        System.setProperty("axoniq.update-checker.disabled", "true");
        ServiceSettings settings = ServiceSettings.fromEnvironment(System.getenv());
        try {
            LedgerService service = LedgerService.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, "ledger-shutdown"));
        } catch (DatabaseUnavailableException e) {
            LOG.error("Consent Ledger cannot start: {}", e.getMessage());
            System.exit(1);
        }
    }

    /** @param httpPort {@code LEDGER_HTTP_PORT}, default 8080 */
    public record ServiceSettings(int httpPort, DatabaseSettings database) {
        public static ServiceSettings fromEnvironment(java.util.Map<String, String> env) {
            return new ServiceSettings(Integer.parseInt(env.getOrDefault("LEDGER_HTTP_PORT", "8080")),
                    DatabaseSettings.fromEnvironment(env));
        }
    }
}
