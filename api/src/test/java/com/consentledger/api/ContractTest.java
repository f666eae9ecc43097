package com.consentledger.api;

import com.consentledger.api.auth.JwtSettings;
import com.consentledger.ledger.calendar.CalendarFile;
import com.consentledger.ledger.database.DatabaseSettings;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.ext.web.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document is valid for an independent parser, and the server serves exactly what it describes. */
class ContractTest {

    /** Declared in the document as not implemented yet (tamper evidence, a later issue). */
    private static final Set<String> LATER = Set.of("getLatestCheckpoint", "getInclusionProof");

    private static OpenAPI document() throws Exception {
        try (InputStream in = ContractTest.class.getResourceAsStream("/openapi.yaml")) {
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIParser().readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    null, options);
            assertThat(result.getMessages()).as("validation messages").isEmpty();
            return result.getOpenAPI();
        }
    }

    @Test
    void the_document_is_valid_openapi_3_1() throws Exception {
        OpenAPI openApi = document();
        assertThat(openApi.getOpenapi()).isEqualTo("3.1.0");
        assertThat(openApi.getPaths()).isNotEmpty();
    }

    @Test
    void every_route_served_is_in_the_document_and_every_operation_has_a_handler(@TempDir Path dataDir) throws Exception {
        Set<String> documented = new TreeSet<>();
        Set<String> operationIds = new TreeSet<>();
        document().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            documented.add(method.name() + " " + path.replaceAll("\\{([^}]+)}", ":$1"));
            operationIds.add(operation.getOperationId());
        }));
        try (LedgerService service = LedgerService.start(new Main.ServiceSettings(0, DatabaseSettings.embedded(dataDir),
                CalendarFile.bundledSample(), new JwtSettings("a-contract-test-secret-long-enough", null, null)))) {
            Set<String> served = new TreeSet<>();
            for (Route route : service.router().getRoutes()) {
                if (route.getPath() != null && route.methods() != null) {
                    route.methods().forEach(method -> served.add(method.name() + " " + route.getPath()));
                }
            }

            assertThat(served).isEqualTo(documented);
            Set<String> withHandlers = new TreeSet<>(service.implementedOperations());
            withHandlers.add("openapi");
            withHandlers.addAll(LATER);
            assertThat(withHandlers).isEqualTo(operationIds);
        }
    }
}
