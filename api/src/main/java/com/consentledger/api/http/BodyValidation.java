package com.consentledger.api.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;

/**
 * Validates a request body against its schema in the contract with a validator built once per thread.
 * vertx-openapi 5.0.7 builds a new validator for every request, copying every schema of the contract
 * (over half the CPU of {@code POST /v1/access} in a profile); the hot operations use this instead, with the
 * same schema from the same document, so they cannot drift from it either.
 */
public final class BodyValidation implements Handler<RoutingContext> {

    static final String VALIDATED_BODY = "consentledger.validatedBody";

    private final ThreadLocal<Validator> validators;

    private BodyValidation(OpenAPIContract contract, JsonSchema schema) {
        // a validator keeps a lookup table it may extend while validating: one per event-loop thread
        this.validators = ThreadLocal.withInitial(() -> contract.getSchemaRepository().validator(schema));
    }

    /** For an operation whose body is {@code application/json}. */
    public static BodyValidation of(OpenAPIContract contract, String operationId) {
        JsonSchema schema = contract.operation(operationId).getRequestBody().getContent().get("application/json").getSchema();
        return new BodyValidation(contract, schema);
    }

    @Override
    public void handle(RoutingContext context) {
        String key = context.request().getHeader(Idempotency.HEADER);
        if (key != null && (key.isEmpty() || key.length() > 200)) {
            Problems.send(context, Problems.problem(400, "invalid-request", "The request does not match the API contract",
                    "Idempotency-Key must be 1 to 200 characters", Idempotency.HEADER));
            return;
        }
        JsonObject body;
        try {
            body = context.body().asJsonObject();
        } catch (DecodeException | ClassCastException notAnObject) {
            body = null;
        }
        if (body == null) {
            Problems.send(context, Problems.problem(400, "invalid-request", "The request does not match the API contract",
                    "the body must be a JSON object", null));
            return;
        }
        OutputUnit result = validators.get().validate(body);
        if (!Boolean.TRUE.equals(result.getValid())) {
            Problems.send(context, Problems.problem(400, "invalid-request", "The request does not match the API contract",
                    Problems.reasonOf(result), Problems.fieldOf(result)));
            return;
        }
        context.put(VALIDATED_BODY, body);
        context.next();
    }
}
