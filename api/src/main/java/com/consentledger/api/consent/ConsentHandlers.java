package com.consentledger.api.consent;

import com.consentledger.api.auth.Caller;
import com.consentledger.api.http.Json;
import com.consentledger.api.http.PolicyChoice;
import com.consentledger.ledger.application.ConsentLedger;
import com.consentledger.ledger.consent.ConsentState;
import com.consentledger.ledger.consent.GrantConsent;
import com.consentledger.ledger.consent.PurposeStatus;
import com.consentledger.ledger.consent.WithdrawConsent;
import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.Evidence;
import com.consentledger.ledger.eventstore.EventStore;
import com.consentledger.projections.consent.ConsentQueries;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Grants, withdrawals, point-in-time states and a subject's history. */
public final class ConsentHandlers {

    private final ConsentLedger ledger;
    private final ConsentQueries queries;
    private final EventStore store;
    private final PolicyChoice policies;

    public ConsentHandlers(ConsentLedger ledger, ConsentQueries queries, EventStore store, PolicyChoice policies) {
        this.ledger = ledger;
        this.queries = queries;
        this.store = store;
        this.policies = policies;
    }

    public Map<String, Handler<RoutingContext>> handlers() {
        return Map.of("grantConsent", this::grant, "withdrawConsent", this::withdraw,
                "getConsentStates", this::states, "getSubjectHistory", this::history);
    }

    private void grant(RoutingContext context) {
        String subjectId = Json.path(context, "subjectId");
        Caller.of(context).require(subjectId, Caller.SUBJECT);
        JsonObject body = Json.body(context);
        JsonObject evidence = body.getJsonObject("evidence");
        Json.reply(context, 201, policies.resolve(body.getString("policyId")).thenCompose(policyId -> ledger.decide(
                        new GrantConsent(subjectId, policyId, body.getString("purpose"), body.getString("policyVersion"),
                                Json.strings(body.getJsonArray("recipients")), body.getString("channel"),
                                evidence == null ? null : new Evidence(Json.instant("evidence.noticeShownAt",
                                        evidence.getString("noticeShownAt")), evidence.getString("textSha256")),
                                Json.instant("occurredAt", body.getString("occurredAt"))))
                .thenCompose(committed -> answer(subjectId, policyId, ((ConsentGranted) committed.getFirst().event()).purpose(),
                        committed.getFirst()))));
    }

    private void withdraw(RoutingContext context) {
        String subjectId = Json.path(context, "subjectId");
        Caller.of(context).require(subjectId, Caller.SUBJECT);
        JsonObject body = Json.body(context);
        String purpose = Json.path(context, "purpose");
        Json.reply(context, 201, policies.resolve(null).exceptionally(noSinglePolicy -> null)
                .thenCompose(policyId -> ledger.decide(new WithdrawConsent(subjectId, purpose, body.getString("reason"),
                                body.getString("channel"), Json.instant("occurredAt", body.getString("occurredAt"))))
                        .thenCompose(committed -> policyId == null
                                ? java.util.concurrent.CompletableFuture.completedFuture(decisionJson(committed.getFirst())
                                        .put("state", ConsentState.WITHDRAWN.value()))
                                : answer(subjectId, policyId, purpose, committed.getFirst()))));
    }

    /** The decision's id and position, with the purpose's state right after it. */
    private CompletionStage<JsonObject> answer(String subjectId, String policyId, String purpose,
                                               ConsentLedger.CommittedEvent committed) {
        return ledger.statesAt(subjectId, policyId, Instant.now()).thenApply(states -> {
            JsonObject answer = decisionJson(committed);
            states.stream().filter(state -> state.purpose().equals(purpose)).findFirst()
                    .ifPresent(state -> answer.put("state", state.state().value()));
            return answer;
        });
    }

    private static JsonObject decisionJson(ConsentLedger.CommittedEvent committed) {
        return new JsonObject().put("eventId", committed.eventId().toString()).put("position", committed.position());
    }

    private void states(RoutingContext context) {
        String subjectId = Json.path(context, "subjectId");
        Caller.of(context).require(subjectId, Caller.SUBJECT, Caller.AUDITOR);
        Instant now = Instant.now();
        Instant asOf = orNow(Json.instant("asOf", Json.query(context, "asOf")), now);
        Instant knownAt = orNow(Json.instant("knownAt", Json.query(context, "knownAt")), now);
        Json.reply(context, 200, policies.resolve(Json.query(context, "policyId")).thenCompose(policyId ->
                queries.statesAt(subjectId, policyId, asOf, knownAt).toCompletionStage().thenApply(states ->
                        new JsonObject().put("subjectId", subjectId).put("policyId", policyId)
                                .put("asOf", asOf.toString()).put("knownAt", knownAt.toString())
                                .put("purposes", purposes(states)))));
    }

    private static JsonArray purposes(List<PurposeStatus> states) {
        JsonArray purposes = new JsonArray();
        for (PurposeStatus status : states) {
            JsonObject purpose = new JsonObject().put("purpose", status.purpose()).put("state", status.state().value());
            if (status.decidedBy() != null) {
                purpose.put("since", status.decidedBy().event().occurredAt().toString())
                        .put("position", status.decidedBy().position());
                if (status.decidedBy().event() instanceof ConsentGranted granted) {
                    purpose.put("policyVersion", granted.policyVersion());
                }
            }
            purposes.add(purpose);
        }
        return purposes;
    }

    private void history(RoutingContext context) {
        String subjectId = Json.path(context, "subjectId");
        Caller.of(context).require(subjectId, Caller.SUBJECT, Caller.AUDITOR);
        Json.reply(context, 200, store.readSubject(subjectId, Long.MAX_VALUE).toCompletionStage().thenApply(events -> {
            JsonArray items = new JsonArray();
            events.forEach(event -> items.add(new JsonObject().put("position", event.position()).put("type", event.type())
                    .put("occurredAt", event.occurredAt().toString()).put("recordedAt", event.recordedAt().toString())
                    .put("data", new JsonObject(event.payloadJson()))));
            return new JsonObject().put("subjectId", subjectId).put("events", items);
        }));
    }

    private static Instant orNow(Instant instant, Instant now) {
        return instant == null ? now : instant;
    }

}
