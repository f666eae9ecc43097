package com.consentledger.api.policy;

import com.consentledger.api.auth.Caller;
import com.consentledger.api.http.Json;
import com.consentledger.ledger.application.ConsentLedger;
import com.consentledger.ledger.events.LedgerJson;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.policy.PublishPolicyVersion;
import com.consentledger.ledger.policy.PurposeDefinition;
import com.consentledger.ledger.rules.Rule;
import com.consentledger.ledger.rules.RuleViolation;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;

/** Publishing and reading policy versions. */
public final class PolicyHandlers {

    private final ConsentLedger ledger;

    public PolicyHandlers(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    public Map<String, Handler<RoutingContext>> handlers() {
        return Map.of("publishPolicyVersion", this::publish, "listPolicyVersions", this::list,
                "getPolicyVersion", this::get);
    }

    private void publish(RoutingContext context) {
        Caller.withRole(context, Caller.POLICY_ADMIN);
        JsonObject body = Json.body(context);
        String policyId = Json.path(context, "policyId");
        PublishPolicyVersion command = new PublishPolicyVersion(policyId, body.getString("version"),
                Json.instant("effectiveAt", body.getString("effectiveAt")), body.getBoolean("major"),
                body.getString("summary"), body.getString("textSha256"), purposes(body.getJsonArray("purposes")),
                body.containsKey("affectedPurposes") ? Json.strings(body.getJsonArray("affectedPurposes")) : null);
        Json.reply(context, 201, ledger.publish(command).thenApply(committed -> new JsonObject()
                .put("policyId", policyId).put("version", command.version())
                .put("position", committed.getFirst().position())));
    }

    private void list(RoutingContext context) {
        Caller.of(context);
        String policyId = Json.path(context, "policyId");
        Json.reply(context, 200, ledger.policyHistory(policyId).thenApply(history -> {
            if (history.isEmpty()) {
                throw RuleViolation.of(Rule.POLICY_UNKNOWN, "policy " + policyId + " has no published version");
            }
            JsonArray versions = new JsonArray();
            history.versions().forEach(version -> versions.add(toJson(version)));
            return new JsonObject().put("policyId", policyId).put("versions", versions);
        }));
    }

    private void get(RoutingContext context) {
        Caller.of(context);
        String policyId = Json.path(context, "policyId");
        String version = Json.path(context, "version");
        Json.reply(context, 200, ledger.policyHistory(policyId).thenApply(history -> history.version(version)
                .map(PolicyHandlers::toJson)
                .orElseThrow(() -> RuleViolation.of(Rule.POLICY_UNKNOWN, "policy " + policyId + " has no version " + version))));
    }

    private static List<PurposeDefinition> purposes(JsonArray purposes) {
        return purposes.stream().map(JsonObject.class::cast).map(purpose -> new PurposeDefinition(purpose.getString("id"),
                Json.strings(purpose.getJsonArray("dataCategories")), purpose.getString("basis"),
                purpose.getBoolean("sensitive", false), purpose.getBoolean("thirdParty", false),
                Json.strings(purpose.getJsonArray("recipients")))).toList();
    }

    static JsonObject toJson(PolicyVersionPublished version) {
        try {
            JsonObject json = new JsonObject(LedgerJson.MAPPER.writeValueAsString(version));
            json.put("publishedAt", json.remove("occurredAt"));
            return json;
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
