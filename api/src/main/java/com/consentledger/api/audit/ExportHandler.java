package com.consentledger.api.audit;

import com.consentledger.api.auth.Caller;
import com.consentledger.api.http.Json;
import com.consentledger.api.http.PolicyChoice;
import com.consentledger.ledger.consent.PurposeStatus;
import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.ledger.policy.PurposeDefinition;
import com.consentledger.projections.consent.ConsentQueries;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/audit/export}: every subject's consent state at an instant, streamed page by page of subjects
 * (never the whole ledger in memory), waiting for the client when its socket is full. JSON Lines records
 * follow the structure of an ISO/IEC TS 27560 consent record (header, processing, parties, events); CSV has
 * one row per subject and purpose.
 */
public final class ExportHandler {

    static final int PAGE = 200;
    private static final String CSV_HEADER = "subject_id,purpose,state,lawful_basis,since,policy_version,position\n";

    private final ConsentQueries queries;
    private final PolicyChoice policies;

    public ExportHandler(ConsentQueries queries, PolicyChoice policies) {
        this.queries = queries;
        this.policies = policies;
    }

    public Map<String, io.vertx.core.Handler<RoutingContext>> handlers() {
        return Map.of("exportConsents", this::export);
    }

    private void export(RoutingContext context) {
        Caller.withRole(context, Caller.AUDITOR);
        Instant knownAt = Instant.now();
        Instant asOf = Optional.ofNullable(Json.instant("asOf", Json.query(context, "asOf"))).orElse(knownAt);
        boolean csv = "csv".equals(Json.query(context, "format"));
        policies.resolve(Json.query(context, "policyId"))
                .thenCompose(policyId -> queries.policies().historyKnownAt(policyId, knownAt).toCompletionStage())
                .whenComplete((policy, failure) -> {
                    if (failure != null) {
                        context.fail(failure.getCause() != null ? failure.getCause() : failure);
                        return;
                    }
                    HttpServerResponse response = context.response().setChunked(true)
                            .putHeader("content-type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson");
                    if (csv) {
                        response.write(CSV_HEADER);
                    }
                    Optional<PolicyVersionPublished> effective = policy.effectiveAt(asOf);
                    streamFrom("", policy, effective, asOf, knownAt, csv, response)
                            .onSuccess(done -> response.end())
                            .onFailure(broken -> response.reset());
                });
    }

    private Future<Void> streamFrom(String after, PolicyHistory policy, Optional<PolicyVersionPublished> effective,
                                    Instant asOf, Instant knownAt, boolean csv, HttpServerResponse response) {
        return queries.subjectsAfter(after, PAGE).compose(subjects -> {
            if (subjects.isEmpty()) {
                return Future.succeededFuture();
            }
            List<Future<List<PurposeStatus>>> states = subjects.stream()
                    .map(subject -> queries.statesAt(subject, policy, asOf, knownAt)).toList();
            return Future.all(states).compose(all -> {
                StringBuilder page = new StringBuilder();
                for (int index = 0; index < subjects.size(); index++) {
                    List<PurposeStatus> statuses = states.get(index).result();
                    page.append(csv ? csvRows(subjects.get(index), statuses, effective)
                            : record(subjects.get(index), statuses, effective, asOf, knownAt).encode() + "\n");
                }
                return write(response, page.toString());
            }).compose(written -> streamFrom(subjects.getLast(), policy, effective, asOf, knownAt, csv, response));
        });
    }

    /** Writes and, when the socket's queue is full, waits until it drains: the client sets the pace. */
    private static Future<Void> write(HttpServerResponse response, String chunk) {
        return response.write(chunk).compose(written -> {
            if (!response.writeQueueFull()) {
                return Future.succeededFuture();
            }
            Promise<Void> drained = Promise.promise();
            response.drainHandler(ignored -> drained.tryComplete());
            return drained.future();
        });
    }

    static JsonObject record(String subject, List<PurposeStatus> statuses, Optional<PolicyVersionPublished> effective,
                             Instant asOf, Instant knownAt) {
        JsonArray processing = new JsonArray();
        JsonArray events = new JsonArray();
        JsonArray parties = new JsonArray().add(new JsonObject().put("role", "pii-principal").put("id", subject))
                .add(new JsonObject().put("role", "pii-controller").put("id", effective.map(PolicyVersionPublished::policyId)
                        .orElse(null)));
        for (PurposeStatus status : statuses) {
            Optional<PurposeDefinition> definition = effective.flatMap(version -> version.purpose(status.purpose()));
            JsonObject entry = new JsonObject().put("purpose", status.purpose()).put("state", status.state().value())
                    .put("lawfulBasis", definition.map(PurposeDefinition::basis).orElse(null))
                    .put("dataCategories", new JsonArray(definition.map(PurposeDefinition::dataCategories).orElse(List.of())))
                    .put("recipients", new JsonArray(definition.map(PurposeDefinition::recipients).orElse(List.of())));
            processing.add(entry);
            definition.ifPresent(purpose -> purpose.recipients().forEach(recipient -> parties.add(
                    new JsonObject().put("role", "third-party").put("id", recipient).put("purpose", purpose.id()))));
            if (status.decidedBy() != null) {
                boolean given = status.decidedBy().event() instanceof ConsentGranted;
                events.add(new JsonObject().put("type", given ? "consent-given" : "consent-withdrawn")
                        .put("purpose", status.purpose()).put("time", status.decidedBy().event().occurredAt().toString())
                        .put("position", status.decidedBy().position())
                        .put("policyVersion", status.decidedBy().event() instanceof ConsentGranted granted
                                ? granted.policyVersion() : null));
            }
        }
        return new JsonObject()
                .put("header", new JsonObject().put("schema", "ISO/IEC TS 27560 consent record (Consent Ledger export v1)")
                        .put("recordId", subject + "@" + asOf).put("piiPrincipalId", subject).put("asOf", asOf.toString())
                        .put("knownAt", knownAt.toString())
                        .put("policy", new JsonObject().put("id", effective.map(PolicyVersionPublished::policyId).orElse(null))
                                .put("version", effective.map(PolicyVersionPublished::version).orElse(null))))
                .put("processing", processing).put("parties", parties).put("events", events);
    }

    /** Ids, purposes, states and versions are identifiers without commas or quotes: no CSV quoting needed. */
    static String csvRows(String subject, List<PurposeStatus> statuses, Optional<PolicyVersionPublished> effective) {
        StringBuilder rows = new StringBuilder();
        for (PurposeStatus status : statuses) {
            String basis = effective.flatMap(version -> version.purpose(status.purpose())).map(PurposeDefinition::basis)
                    .orElse("");
            String since = status.decidedBy() == null ? "" : status.decidedBy().event().occurredAt().toString();
            String version = status.decidedBy() != null && status.decidedBy().event() instanceof ConsentGranted granted
                    ? granted.policyVersion() : "";
            String position = status.decidedBy() == null ? "" : String.valueOf(status.decidedBy().position());
            rows.append(String.join(",", subject, status.purpose(), status.state().value(), basis, since, version, position))
                    .append('\n');
        }
        return rows.toString();
    }
}
