package com.consentledger.api.access;

import com.consentledger.api.auth.Caller;
import com.consentledger.api.http.Json;
import com.consentledger.api.http.PolicyChoice;
import com.consentledger.ledger.access.DecideAccess;
import com.consentledger.ledger.application.ConsentLedger;
import com.consentledger.ledger.events.AccessBasis;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** "May I use this data now?", answered and recorded either way; the processor is the token's {@code sub}. */
public final class AccessHandlers {

    private final ConsentLedger ledger;
    private final PolicyChoice policies;

    public AccessHandlers(ConsentLedger ledger, PolicyChoice policies) {
        this.ledger = ledger;
        this.policies = policies;
    }

    public Map<String, Handler<RoutingContext>> handlers() {
        return Map.of("recordAccess", this::access);
    }

    private void access(RoutingContext context) {
        Caller processor = Caller.withRole(context, Caller.PROCESSOR);
        JsonObject body = Json.body(context);
        Json.reply(context, 200, policies.resolve(body.getString("policyId")).thenCompose(policyId -> ledger.recordAccess(
                new DecideAccess(body.getString("subjectId"), policyId, body.getString("purpose"),
                        Json.strings(body.getJsonArray("dataCategories")), processor.subject(),
                        Json.instant("occurredAt", body.getString("occurredAt"))), null))
                .thenApply(recorded -> new JsonObject().put("accessId", recorded.accessId())
                        .put("verdict", recorded.verdict().verdict().value()).put("reason", recorded.verdict().reason())
                        .put("position", recorded.position()).put("basis", basis(recorded.verdict().basis()))));
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
