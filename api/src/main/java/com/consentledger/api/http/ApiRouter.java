package com.consentledger.api.http;

import com.consentledger.api.access.AccessBodyShape;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SchemaRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestValidator;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.Map;
import java.util.function.Predicate;

/**
 * The HTTP API, built from {@code openapi.yaml}: the document lists the routes, their security and the shape of
 * every request, and requests are validated against it ({@link RequestValidation}) before any handler runs, so
 * the two cannot drift.
 */
public final class ApiRouter {

    /** DESIGN.md allows 1,000 access requests in a batch; 2 MiB leaves room and stops a runaway body. */
    public static final long BODY_LIMIT = 2L * 1024 * 1024;
    public static final String CONTRACT = "openapi.yaml";

    private ApiRouter() {
    }

    /** Handlers by operation id, for every operation this build implements. */
    public record Operations(Map<String, Handler<RoutingContext>> handlers) {
    }

    public static Future<Router> create(Vertx vertx, JWTAuth auth, Idempotency idempotency, Operations operations) {
        return vertx.fileSystem().readFile(CONTRACT).compose(document -> {
            JsonObject parsed = parse(document.toString());
            return OpenAPIContract.from(vertx, forTheRouter(parsed))
                    .map(contract -> build(vertx, contract, document, parsed, auth, idempotency, operations));
        });
    }

    @SuppressWarnings("unchecked")
    static JsonObject parse(String yaml) {
        return new JsonObject((Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
    }

    /**
     * The contract as vertx-openapi 5.0.7 accepts it: it refuses response media types outside a fixed list
     * ({@code application/problem+json}, {@code text/csv}, {@code application/x-ndjson}, {@code application/yaml}),
     * though it never validates responses. Those are relabelled {@code application/json} for the router only;
     * paths, parameters, security and request bodies, which it does validate, are the document's own.
     */
    static JsonObject forTheRouter(JsonObject document) {
        JsonObject copy = document.copy();
        copy.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(operation -> {
            if (operation.getValue() instanceof JsonObject body && body.containsKey("responses")) {
                body.getJsonObject("responses").forEach(response -> relabel((JsonObject) response.getValue()));
            }
        }));
        copy.getJsonObject("components").getJsonObject("responses").forEach(response -> relabel((JsonObject) response.getValue()));
        return copy;
    }

    private static void relabel(JsonObject response) {
        JsonObject content = response.getJsonObject("content");
        if (content == null) {
            return;
        }
        JsonObject relabelled = new JsonObject();
        content.forEach(media -> relabelled.put(ROUTER_MEDIA_TYPES.contains(media.getKey()) ? media.getKey()
                : "application/json", media.getValue()));
        response.put("content", relabelled);
    }

    /** Bodies recognised without the schema's validator, by operation: the rush's one operation. */
    private static final Map<String, Predicate<JsonNode>> CONFORMING_BODIES = Map.of(
            "recordAccess", AccessBodyShape::conforms);

    private static final java.util.Set<String> ROUTER_MEDIA_TYPES = java.util.Set.of("application/json", "text/plain");

    private static Router build(Vertx vertx, OpenAPIContract contract, Buffer document, JsonObject parsed, JWTAuth auth,
                                Idempotency idempotency, Operations operations) {
        RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
        // a body buffer sized by Content-Length (Vert.x caps it at 64 KB), not 1 KB for every 100-byte access body:
        // that default was 5 % of the bytes the access path allocates in JFR's samples, 1 % once sized
        builder.rootHandler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT).setPreallocateBodyBuffer(true));
        builder.security("bearer").httpHandler(JWTAuthHandler.create(auth));
        RequestValidator explainer = RequestValidator.create(vertx, contract);
        SchemaRegistry schemas = RequestValidation.contractSchemas(parsed);
        for (OpenAPIRoute route : builder.getRoutes()) {
            String operationId = route.getOperation().getOperationId();
            Handler<RoutingContext> handler = operationId.equals("openapi")
                    ? context -> context.response().putHeader("content-type", "application/yaml").end(document)
                    : operations.handlers().getOrDefault(operationId,
                            context -> context.fail(new HttpException(501, operationId + " is not implemented yet")));
            // the router's validation rebuilds its validators on every request
            route.setDoValidation(false);
            route.addHandler(RequestValidation.of(contract, schemas, explainer, operationId,
                    CONFORMING_BODIES.getOrDefault(operationId, body -> false)));
            boolean acceptsIdempotencyKey = route.getOperation().getParameters().stream()
                    .anyMatch(parameter -> parameter.getName().equals(Idempotency.HEADER));
            if (acceptsIdempotencyKey) {
                route.addHandler(idempotency::handle);
            }
            route.addHandler(handler).addFailureHandler(Problems::handleFailure);
        }
        Router router = builder.createRouter();
        router.route().last().handler(context -> context.fail(404));
        router.route().failureHandler(Problems::handleFailure);
        return router;
    }

    /** The handlers this build implements. */
    @SafeVarargs
    public static Operations operations(Map<String, Handler<RoutingContext>>... groups) {
        Map<String, Handler<RoutingContext>> handlers = new java.util.HashMap<>();
        for (Map<String, Handler<RoutingContext>> group : groups) {
            group.forEach((operationId, handler) -> {
                if (handlers.putIfAbsent(operationId, handler) != null) {
                    throw new IllegalStateException("two handlers for operation " + operationId);
                }
            });
        }
        return new Operations(Map.copyOf(handlers));
    }
}
