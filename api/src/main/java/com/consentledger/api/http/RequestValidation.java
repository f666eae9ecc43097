package com.consentledger.api.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Validates a request against its operation in the contract (parameters and JSON body) with validators built
 * once, on the event loop, so the document and the checks cannot drift.
 * <p>
 * vertx-openapi 5.0.7's router builds a new validator for every parameter and body of every request, copying
 * every schema of the contract, and runs them on a worker thread: 29 % of the CPU of {@code POST /v1/access}
 * and 27 % of a consent change's. Here the parameters are transformed as vertx-openapi does and checked by
 * vertx-json-schema validators built once per event-loop thread; the body by networknt's validator, compiled
 * once and thread-safe. A request this path refuses (or cannot judge: a missing content type, a style it does
 * not know) goes to vertx-openapi's own validator, which words the problem exactly as the router does and
 * decides, should the two ever disagree.
 */
public final class RequestValidation implements Handler<RoutingContext> {

    static final String VALIDATED_BODY = "consentledger.validatedBody";
    /** The name the contract is registered under for networknt; never fetched. */
    private static final String CONTRACT_IRI = "urn:consent-ledger:openapi";
    /**
     * Refuses trailing content after the object, as Vert.x's own parser does. A reader resolved once: the
     * mapper's {@code readTree} looked the tree's type up on every call (2 % of the access path's samples).
     */
    private static final ObjectReader TREE_READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readerFor(JsonNode.class);
    /** The router's own raw values: path segments, query, headers and the buffered body. */
    private static final RequestExtractor EXTRACTOR = RequestExtractor.withBodyHandler();
    /** vertx-openapi's transformers, as its validator picks them. */
    private static final Map<Style, ParameterTransformer> TRANSFORMERS = new EnumMap<>(Map.of(
            Style.SIMPLE, new SimpleTransformer(), Style.LABEL, new LabelTransformer(),
            Style.MATRIX, new MatrixTransformer(), Style.FORM, new FormTransformer()));
    /** The body of an operation without one, or with an optional one left out. */
    private static final JsonObject NO_BODY = new JsonObject();

    private final Operation operation;
    private final RequestValidator explainer;
    private final Schema body;
    /** Bodies known to conform without the schema's validator (the hottest operation's usual body), or none. */
    private final Predicate<JsonNode> conformingBody;
    /** A vertx validator keeps a lookup table it may extend while validating: one set per event-loop thread. */
    private final ThreadLocal<List<Validator>> parameterValidators;
    /** vertx-openapi works a content type out with a regex each time; nearly every request sends the same one. */
    private volatile ContentType lastContentType = new ContentType(null, null);

    private record ContentType(String header, MediaType mediaType) {
    }

    private RequestValidation(Operation operation, RequestValidator explainer, Schema body,
                              Predicate<JsonNode> conformingBody, ThreadLocal<List<Validator>> parameterValidators) {
        this.operation = operation;
        this.explainer = explainer;
        this.body = body;
        this.conformingBody = conformingBody;
        this.parameterValidators = parameterValidators;
    }

    /**
     * networknt's view of the contract: built once for all operations (it reads the whole document), each
     * operation's body schema compiled from it.
     *
     * @param document the contract as parsed
     */
    public static SchemaRegistry contractSchemas(JsonObject document) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(CONTRACT_IRI, document.encode()))
                        .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /**
     * @param schemas        the contract's {@link #contractSchemas}, for the body's schema
     * @param explainer      vertx-openapi's validator of the same contract, for the requests this path refuses
     * @param conformingBody says yes only to bodies the operation's schema accepts, which then skip its validator
     *                       (a property test holds it to the schema's verdict); {@code body -> false} for none
     */
    public static RequestValidation of(OpenAPIContract contract, SchemaRegistry schemas, RequestValidator explainer,
                                       String operationId, Predicate<JsonNode> conformingBody) {
        Operation operation = contract.operation(operationId);
        ThreadLocal<List<Validator>> parameterValidators = ThreadLocal.withInitial(() -> operation.getParameters().stream()
                .map(parameter -> contract.getSchemaRepository().validator(parameter.getSchema())).toList());
        return new RequestValidation(operation, explainer, jsonBodySchema(operation, schemas), conformingBody,
                parameterValidators);
    }

    /** networknt's compiled schema of one of the contract's {@code components/schemas}, for tests that compare. */
    static Schema componentSchema(SchemaRegistry schemas, String name) {
        Schema schema = schemas.getSchema(SchemaLocation.of(CONTRACT_IRI + "#/components/schemas/" + name));
        schema.initializeValidators();
        return schema;
    }

    /** networknt's compiled schema of the operation's {@code application/json} body, or {@code null}. */
    private static Schema jsonBodySchema(Operation operation, SchemaRegistry schemas) {
        RequestBody requestBody = operation.getRequestBody();
        if (requestBody == null || !requestBody.getContent().containsKey(MediaType.APPLICATION_JSON)) {
            return null;
        }
        String pointer = "/paths/" + escape(operation.getOpenAPIPath()) + "/" + operation.getHttpMethod().name().toLowerCase()
                + "/requestBody/content/application~1json/schema";
        Schema schema = schemas.getSchema(SchemaLocation.of(CONTRACT_IRI + "#" + pointer));
        schema.initializeValidators();
        return schema;
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
        EXTRACTOR.extractValidatableRequest(context, operation).onComplete(extracted -> {
            if (extracted.failed()) {
                context.fail(extracted.cause());
                return;
            }
            JsonObject validBody = validBody(extracted.result());
            if (validBody != null) {
                if (validBody != NO_BODY) {
                    context.put(VALIDATED_BODY, validBody);
                }
                context.next();
            } else {
                explain(context, extracted.result());
            }
        });
    }

    /** The valid request's body ({@link #NO_BODY} when it has none), or {@code null} when it is not shown valid. */
    private JsonObject validBody(ValidatableRequest request) {
        return parametersValid(request) ? bodyIfValid(request) : null;
    }

    private boolean parametersValid(ValidatableRequest request) {
        List<Parameter> parameters = operation.getParameters();
        List<Validator> validators = parameterValidators.get();
        for (int index = 0; index < parameters.size(); index++) {
            Parameter parameter = parameters.get(index);
            RequestParameter value = valueOf(request, parameter);
            if (value == null || value.isNull()) {
                if (parameter.isRequired()) {
                    return false;
                }
                continue;
            }
            ParameterTransformer transformer = TRANSFORMERS.get(parameter.getStyle());
            if (transformer == null) {
                return false; // a style this path does not know: vertx-openapi's validator judges
            }
            try {
                Object transformed = transformer.transform(parameter, String.valueOf(value.get()));
                if (!Boolean.TRUE.equals(validators.get(index).validate(transformed).getValid())) {
                    return false;
                }
            } catch (RuntimeException undecodable) {
                return false;
            }
        }
        return true;
    }

    private static RequestParameter valueOf(ValidatableRequest request, Parameter parameter) {
        return switch (parameter.getIn()) {
            case PATH -> request.getPathParameters().get(parameter.getName());
            case QUERY -> request.getQuery().get(parameter.getName());
            case HEADER -> request.getHeaders().get(parameter.getName());
            case COOKIE -> request.getCookies().get(parameter.getName());
        };
    }

    private JsonObject bodyIfValid(ValidatableRequest request) {
        RequestBody requestBody = operation.getRequestBody();
        if (requestBody == null) {
            return NO_BODY;
        }
        if (request.getBody() == null || request.getBody().isEmpty()) {
            return requestBody.isRequired() ? null : NO_BODY;
        }
        Buffer raw = request.getBody().getBuffer();
        MediaType mediaType = mediaType(requestBody, request.getContentType());
        if (raw == null || body == null || mediaType == null
                || !MediaType.APPLICATION_JSON.equals(mediaType.getIdentifier())) {
            return null;
        }
        JsonNode tree;
        try {
            tree = TREE_READER.readTree(raw.getBytes());
        } catch (IOException notJson) {
            return null;
        }
        // parsed once: the tree is validated, and the handlers get the same content as a JsonObject
        return tree != null && tree.isObject() && (conformingBody.test(tree) || body.validate(tree, OutputFormat.BOOLEAN))
                ? (JsonObject) vertxJson(tree) : null;
    }

    private MediaType mediaType(RequestBody requestBody, String header) {
        ContentType last = lastContentType;
        if (header != null && header.equals(last.header())) {
            return last.mediaType();
        }
        MediaType mediaType = requestBody.determineContentType(header);
        lastContentType = new ContentType(header, mediaType);
        return mediaType;
    }

    /** The router's own validation, for its verdict and its words: what it refuses is answered as it always was. */
    private void explain(RoutingContext context, ValidatableRequest request) {
        explainer.validate(request, operation.getOperationId()).onComplete(validated -> {
            if (validated.succeeded()) {
                context.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated.result());
                context.next();
            } else if (validated.cause() instanceof ValidatorException invalid) {
                context.fail(new HttpException(400, invalid.getMessage(), invalid));
            } else {
                context.fail(validated.cause());
            }
        });
    }
}
