package com.consentledger.api.http;

import com.consentledger.ledger.eventstore.StoreOverloadedException;
import com.consentledger.ledger.rules.RuleViolation;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every failure as an RFC 9457 problem with a stable type: {@code /problems/<code>}. Rule violations keep their
 * rule's code and field; contract violations are {@code invalid-request} naming the field; anything
 * unexpected is a 500 whose details stay in the log.
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final Pattern PARAMETER = Pattern.compile("parameter (\\S+)");
    private static final Pattern REQUIRED = Pattern.compile("required property \\W?([A-Za-z0-9_]+)");

    private Problems() {
    }

    public static JsonObject problem(int status, String code, String title, String detail, String field) {
        JsonObject problem = new JsonObject().put("type", "/problems/" + code).put("title", title).put("status", status);
        if (detail != null) {
            problem.put("detail", detail);
        }
        if (field != null) {
            problem.put("field", field);
        }
        return problem;
    }

    public static void send(RoutingContext context, JsonObject problem) {
        if (context.response().headWritten()) {
            context.response().reset();
            return;
        }
        if (problem.getInteger("status") == 503) {
            context.response().putHeader("Retry-After", "1");
        }
        String text = problem.encode();
        Idempotency.answered(context, problem.getInteger("status"), text).onComplete(stored ->
                context.response().setStatusCode(problem.getInteger("status")).putHeader("content-type", CONTENT_TYPE)
                        .end(text));
    }

    /** The failure handler of every route. */
    public static void handleFailure(RoutingContext context) {
        send(context, of(context.failure(), context.statusCode(), context));
    }

    public static JsonObject of(Throwable failure, int status, RoutingContext context) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RuleViolation violation) {
            return ofViolation(violation);
        }
        if (cause instanceof StoreOverloadedException overloaded) {
            return problem(503, "overloaded", "Too many requests at once; retry shortly", overloaded.getMessage(), null);
        }
        if (cause instanceof HttpException http) {
            if (http.getCause() instanceof ValidatorException invalid) {
                return problem(400, "invalid-request", "The request does not match the API contract", invalid.getMessage(),
                        fieldOf(invalid));
            }
            return ofStatus(http.getStatusCode(), http.getPayload());
        }
        if (cause == null && status > 0) {
            return ofStatus(status, null);
        }
        LOG.error("unexpected failure on {} {}", context.request().method(), context.request().path(), cause);
        return problem(500, "internal", "Something went wrong on our side", "the failure is logged", null);
    }

    public static JsonObject ofViolation(RuleViolation violation) {
        int status = switch (violation.rule().kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        };
        return problem(status, violation.rule().code(), title(violation.rule().code()), violation.getMessage(),
                violation.field());
    }

    private static JsonObject ofStatus(int status, String detail) {
        return switch (status) {
            case 400 -> problem(400, "invalid-request", "The request is malformed", detail, null);
            case 401 -> problem(401, "unauthenticated", "A valid bearer token is required", detail, null);
            case 403 -> problem(403, "forbidden", "The token does not allow this", detail, null);
            case 404 -> problem(404, "not-found", "No such resource", detail, null);
            case 405 -> problem(405, "method-not-allowed", "Method not allowed here", detail, null);
            case 413 -> problem(413, "payload-too-large", "The request body is too large", detail, null);
            case 415 -> problem(415, "unsupported-media-type", "The body must be application/json", detail, null);
            case 501 -> problem(501, "not-implemented", "Not implemented yet", detail, null);
            case 503 -> problem(503, "unavailable", "Overloaded or not ready; retry later", detail, null);
            default -> problem(status, "http-" + status, "HTTP " + status, detail, null);
        };
    }

    /** The field a contract violation is about, as {@code purposes[0].recipients} or the parameter's name. */
    static String fieldOf(ValidatorException invalid) {
        if (invalid instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
            String field = fieldOf(schema.getOutputUnit());
            if (field != null) {
                return field;
            }
        }
        Matcher parameter = PARAMETER.matcher(String.valueOf(invalid.getMessage()));
        return parameter.find() ? parameter.group(1) : null;
    }

    /** The deepest error names the field most precisely; a missing property is named itself. */
    static String fieldOf(OutputUnit result) {
        OutputUnit deepest = deepest(result);
        if (deepest == null) {
            return null;
        }
        String pointer = deepest.getInstanceLocation() == null ? "" : deepest.getInstanceLocation();
        Matcher missing = REQUIRED.matcher(String.valueOf(deepest.getError()));
        String field = pointer.length() > 1 ? pointerToField(pointer) : "";
        if (missing.find()) {
            return field.isEmpty() ? missing.group(1) : field + "." + missing.group(1);
        }
        return field.isEmpty() ? null : field;
    }

    static String reasonOf(OutputUnit result) {
        OutputUnit deepest = deepest(result);
        return deepest == null ? "invalid body" : deepest.getError();
    }

    private static OutputUnit deepest(OutputUnit result) {
        java.util.List<OutputUnit> errors = result.getErrors();
        if (errors == null || errors.isEmpty()) {
            return null;
        }
        int depth = errors.stream().mapToInt(unit -> String.valueOf(unit.getInstanceLocation()).length()).max().orElse(0);
        return errors.stream()
                .filter(unit -> String.valueOf(unit.getInstanceLocation()).length() == depth)
                .min(java.util.Comparator.comparing(unit -> REQUIRED.matcher(String.valueOf(unit.getError())).find() ? 0 : 1))
                .orElseThrow();
    }

    static String pointerToField(String pointer) {
        StringBuilder field = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            String token = part.replace("~1", "/").replace("~0", "~");
            if (token.matches("[0-9]+")) {
                field.append('[').append(token).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(token);
            }
        }
        return field.toString();
    }

    private static String title(String code) {
        return Character.toUpperCase(code.charAt(0)) + code.substring(1).replace('-', ' ');
    }
}
