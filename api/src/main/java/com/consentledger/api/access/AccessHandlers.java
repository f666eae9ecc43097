package com.consentledger.api.access;

import com.consentledger.api.auth.Caller;
import com.consentledger.api.http.Json;
import com.consentledger.api.http.Problems;
import com.consentledger.api.http.PolicyChoice;
import com.consentledger.ledger.access.DecideAccess;
import com.consentledger.ledger.application.ConsentLedger;
import com.consentledger.ledger.events.AccessBasis;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** "May I use this data now?", answered and recorded either way; the processor is the token's {@code sub}. */
public final class AccessHandlers {

    private final ConsentLedger ledger;
    private final PolicyChoice policies;

    public AccessHandlers(ConsentLedger ledger, PolicyChoice policies) {
        this.ledger = ledger;
        this.policies = policies;
    }

    public Map<String, Handler<RoutingContext>> handlers() {
        return Map.of("recordAccess", this::access, "recordAccessBatch", this::batch);
    }

    private void access(RoutingContext context) {
        Caller processor = Caller.withRole(context, Caller.PROCESSOR);
        Json.reply(context, 200, decide(processor, Json.body(context)));
    }

    /** Each item is decided and recorded on its own; one item's problem does not fail the others. */
    private void batch(RoutingContext context) {
        Caller processor = Caller.withRole(context, Caller.PROCESSOR);
        List<CompletableFuture<JsonObject>> answers = Json.body(context).getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .map(item -> decide(processor, item).toCompletableFuture()
                        .exceptionally(failure -> Problems.of(failure, 500, context)))
                .toList();
        Json.reply(context, 200, CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(all -> new JsonObject().put("items", new JsonArray(answers.stream()
                        .map(CompletableFuture::join).toList()))));
    }

    private CompletionStage<JsonObject> decide(Caller processor, JsonObject body) {
        try {
            return policies.resolve(body.getString("policyId")).thenCompose(policyId -> ledger.recordAccess(
                            new DecideAccess(body.getString("subjectId"), policyId, body.getString("purpose"),
                                    Json.strings(body.getJsonArray("dataCategories")), processor.subject(),
                                    Json.instant("occurredAt", body.getString("occurredAt"))), null))
                    .thenApply(recorded -> new JsonObject().put("accessId", recorded.accessId())
                            .put("verdict", recorded.verdict().verdict().value()).put("reason", recorded.verdict().reason())
                            .put("position", recorded.position()).put("basis", basis(recorded.verdict().basis())));
        } catch (RuntimeException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
    }

    private static JsonObject basis(AccessBasis basis) {
        JsonObject json = new JsonObject().put("type", basis.type());
        if (basis.position() != null) {
            json.put("position", basis.position());
        }
        if (basis.consentId() != null) {
            json.put("consentId", basis.consentId());
        }
        if (basis.policyVersion() != null) {
            json.put("policyVersion", basis.policyVersion());
        }
        return json;
    }
}
