package com.consentledger.api.audit;

import com.consentledger.api.auth.Caller;
import com.consentledger.api.http.Json;
import com.consentledger.ledger.offboarding.Obligation;
import com.consentledger.ledger.events.Verdict;
import com.consentledger.projections.access.AccessLogQueries;
import com.consentledger.projections.audit.ObligationQueries;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** The access log and the obligations, for auditors. */
public final class AuditHandlers {

    private final AccessLogQueries accessLog;
    private final ObligationQueries obligations;

    public AuditHandlers(AccessLogQueries accessLog, ObligationQueries obligations) {
        this.accessLog = accessLog;
        this.obligations = obligations;
    }

    public Map<String, Handler<RoutingContext>> handlers() {
        return Map.of("listAccesses", this::accesses, "listObligations", this::obligations);
    }

    private void accesses(RoutingContext context) {
        Caller.withRole(context, Caller.AUDITOR);
        String cursor = Json.query(context, "cursor");
        String limit = Json.query(context, "limit");
        AccessLogQueries.Filter filter = new AccessLogQueries.Filter(Json.query(context, "subjectId"),
                Json.query(context, "purpose"), verdict(Json.query(context, "verdict")),
                Json.instant("from", Json.query(context, "from")), Json.instant("to", Json.query(context, "to")));
        Json.reply(context, 200, accessLog.page(filter, cursor == null ? null : Long.valueOf(cursor),
                limit == null ? 100 : Integer.parseInt(limit)).toCompletionStage().thenApply(page -> {
            JsonArray items = new JsonArray();
            page.items().forEach(entry -> items.add(new JsonObject().put("position", entry.position())
                    .put("accessId", entry.accessId()).put("subjectId", entry.subjectId()).put("purpose", entry.purpose())
                    .put("dataCategories", new JsonArray(entry.dataCategories())).put("processor", entry.processor())
                    .put("verdict", entry.verdict()).put("reason", entry.reason()).put("basis", entry.basis())
                    .put("policyVersion", entry.policyVersion()).put("occurredAt", entry.occurredAt().toString())
                    .put("recordedAt", entry.recordedAt().toString())));
            return new JsonObject().put("items", items).put("next", page.next() == null ? null : page.next().toString());
        }));
    }

    /** The contract's enum, checked by the request validation before this runs. */
    private static Verdict verdict(String value) {
        return value == null ? null : Verdict.valueOf(value.toUpperCase(Locale.ROOT));
    }

    private void obligations(RoutingContext context) {
        Caller.withRole(context, Caller.AUDITOR);
        Obligation.Status status = Obligation.Status.valueOf(Json.query(context, "status").toUpperCase(Locale.ROOT));
        Instant now = Instant.now();
        Json.reply(context, 200, obligations.list(status, now).toCompletionStage().thenApply(list -> {
            JsonArray items = new JsonArray();
            list.forEach(obligation -> items.add(new JsonObject().put("subjectId", obligation.subjectId())
                    .put("kind", obligation.kind().value()).put("startedAt", obligation.startedAt().toString())
                    .put("dueAt", obligation.dueAt().toString())
                    .put("metAt", obligation.metAt() == null ? null : obligation.metAt().toString())
                    .put("status", obligation.statusAt(now).value())));
            return new JsonObject().put("items", items);
        }));
    }
}
