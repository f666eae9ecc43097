package com.consentledger.api.http;

import com.consentledger.ledger.rules.RuleViolation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reading validated requests and writing JSON answers. */
public final class Json {

    private Json() {
    }

    /** The body the contract validated; an empty object when the operation's body is optional and absent. */
    public static JsonObject body(RoutingContext context) {
        JsonObject validated = context.get(RequestValidation.VALIDATED_BODY);
        if (validated != null) {
            return validated;
        }
        ValidatedRequest request = context.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
        if (request == null || request.getBody() == null || request.getBody().isNull()) {
            return new JsonObject();
        }
        return request.getBody().getJsonObject();
    }

    public static String path(RoutingContext context, String name) {
        return context.pathParam(name);
    }

    public static String query(RoutingContext context, String name) {
        return context.queryParams().get(name);
    }

    /** An RFC 3339 instant; the contract checked the format, this checks it is a real instant in UTC terms. */
    public static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            throw RuleViolation.invalid(field, field + " must be an RFC 3339 instant such as 2025-03-03T08:00:00Z");
        }
    }

    public static List<String> strings(JsonArray array) {
        return array == null ? List.of() : array.stream().map(String::valueOf).toList();
    }

    /** Answers with the future's JSON, or with the problem it failed with. */
    public static void reply(RoutingContext context, int status, java.util.concurrent.CompletionStage<JsonObject> answer) {
        answer.whenComplete((body, failure) -> {
            if (failure != null) {
                context.fail(failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            } else {
                send(context, status, body);
            }
        });
    }

    public static void send(RoutingContext context, int status, Object body) {
        String text = body instanceof JsonObject json ? json.encode() : String.valueOf(body);
        Idempotency.answered(context, status, text).onComplete(stored ->
                context.response().setStatusCode(status).putHeader("content-type", "application/json").end(text));
    }
}
