package com.consentledger.api.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validates the body of a hot operation against its schema in the contract, read from the same document, so
 * the two cannot drift.
 * <p>
 * vertx-openapi 5.0.7 builds a new validator per request, copying every schema of the contract; even a cached
 * vertx-json-schema validator was still 29 % of the CPU of {@code POST /v1/access}. The verdict comes from
 * networknt's validator, compiled once and thread-safe. A body it refuses is validated again by
 * vertx-json-schema, which words the problem exactly as the router does for every other operation (and
 * decides, should the two ever disagree).
 */
public final class BodyValidation implements Handler<RoutingContext> {

    static final String VALIDATED_BODY = "consentledger.validatedBody";
    /** The name the contract is registered under for networknt; never fetched. */
    private static final String CONTRACT_IRI = "urn:consent-ledger:openapi";
    /** Refuses trailing content after the object, as Vert.x's own parser does. */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Schema schema;
    private final ThreadLocal<Validator> explainers;

    private BodyValidation(Schema schema, OpenAPIContract contract, JsonSchema explainedSchema) {
        this.schema = schema;
        // a vertx validator keeps a lookup table it may extend while validating: one per event-loop thread
        this.explainers = ThreadLocal.withInitial(() -> contract.getSchemaRepository().validator(explainedSchema));
    }

    /** For an operation whose body is {@code application/json}; {@code document} is the contract as parsed. */
    public static BodyValidation of(OpenAPIContract contract, JsonObject document, String operationId) {
        Operation operation = contract.operation(operationId);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(CONTRACT_IRI, document.encode()))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        String pointer = "/paths/" + escape(operation.getOpenAPIPath()) + "/" + operation.getHttpMethod().name().toLowerCase()
                + "/requestBody/content/application~1json/schema";
        Schema schema = registry.getSchema(SchemaLocation.of(CONTRACT_IRI + "#" + pointer));
        schema.initializeValidators();
        return new BodyValidation(schema, contract,
                operation.getRequestBody().getContent().get("application/json").getSchema());
    }

    /** JSON pointer escaping (RFC 6901). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /**
     * The tree as Vert.x JSON, with the values Jackson's {@code convertValue} would give, walked directly: that
     * buffered every token first and cost as much as the parse.
     */
    static Object vertxJson(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                JsonObject object = new JsonObject(new LinkedHashMap<>(node.size()));
                node.properties().forEach(property -> object.put(property.getKey(), vertxJson(property.getValue())));
                yield object;
            }
            case ARRAY -> {
                JsonArray array = new JsonArray(new ArrayList<>(node.size()));
                node.forEach(element -> array.add(vertxJson(element)));
                yield array;
            }
            case STRING -> node.textValue();
            case NUMBER -> node.numberValue();
            case BOOLEAN -> node.booleanValue();
            case NULL -> null;
            case BINARY, MISSING, POJO -> throw new IllegalArgumentException("not parsed from JSON text: " + node.getNodeType());
        };
    }

    @Override
    public void handle(RoutingContext context) {
        String key = context.request().getHeader(Idempotency.HEADER);
        if (key != null && (key.isEmpty() || key.length() > 200)) {
            Problems.send(context, Problems.problem(400, "invalid-request", "The request does not match the API contract",
                    "Idempotency-Key must be 1 to 200 characters", Idempotency.HEADER));
            return;
        }
        // parsed once: the tree is validated, and the handlers get the same content as a JsonObject
        Buffer raw = context.body().buffer();
        JsonNode tree;
        try {
            tree = raw == null ? null : MAPPER.readTree(raw.getBytes());
        } catch (IOException notJson) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            Problems.send(context, Problems.problem(400, "invalid-request", "The request does not match the API contract",
                    "the body must be a JSON object", null));
            return;
        }
        JsonObject body = (JsonObject) vertxJson(tree);
        if (!schema.validate(tree, OutputFormat.BOOLEAN)) {
            OutputUnit explained = explainers.get().validate(body);
            if (!Boolean.TRUE.equals(explained.getValid())) {
                Problems.send(context, Problems.problem(400, "invalid-request", "The request does not match the API contract",
                        Problems.reasonOf(explained), Problems.fieldOf(explained)));
                return;
            }
        }
        context.put(VALIDATED_BODY, body);
        context.next();
    }
}
