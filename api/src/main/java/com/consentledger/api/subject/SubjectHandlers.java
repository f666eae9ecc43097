package com.consentledger.api.subject;

import com.consentledger.api.auth.Caller;
import com.consentledger.api.http.Json;
import com.consentledger.ledger.application.ConsentLedger;
import com.consentledger.ledger.events.ErasureRequested;
import com.consentledger.ledger.events.SubjectOffboarded;
import com.consentledger.ledger.offboarding.DeactivateSubject;
import com.consentledger.ledger.offboarding.LifecycleCommand;
import com.consentledger.ledger.offboarding.OffboardSubject;
import com.consentledger.ledger.offboarding.RequestErasure;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * Offboarding, deactivation and erasure requests. Erasure records the request and its 15-day deadline;
 * carrying it out (crypto-shredding) is a later issue.
 */
public final class SubjectHandlers {

    private final ConsentLedger ledger;

    public SubjectHandlers(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    public Map<String, Handler<RoutingContext>> handlers() {
        return Map.of("offboardSubject", this::offboard, "deactivateSubject", this::deactivate,
                "requestErasure", this::erasure);
    }

    private void offboard(RoutingContext context) {
        String subjectId = Json.path(context, "subjectId");
        Caller.of(context).require(subjectId, Caller.HR);
        decide(context, new OffboardSubject(subjectId, Json.instant("leftAt", Json.body(context).getString("leftAt"))));
    }

    private void deactivate(RoutingContext context) {
        String subjectId = Json.path(context, "subjectId");
        Caller.of(context).require(subjectId, Caller.HR);
        decide(context, new DeactivateSubject(subjectId, Json.instant("occurredAt", Json.body(context).getString("occurredAt"))));
    }

    private void erasure(RoutingContext context) {
        String subjectId = Json.path(context, "subjectId");
        Caller caller = Caller.of(context).require(subjectId, Caller.HR, Caller.SUBJECT);
        decide(context, new RequestErasure(subjectId, caller.subject(),
                Json.instant("occurredAt", Json.body(context).getString("occurredAt"))));
    }

    private void decide(RoutingContext context, LifecycleCommand command) {
        Json.reply(context, 201, ledger.decide(command).thenApply(committed -> {
            var event = committed.getFirst();
            JsonObject answer = new JsonObject().put("eventId", event.eventId().toString()).put("position", event.position());
            switch (event.event()) {
                case SubjectOffboarded offboarded -> answer.put("dueAt", offboarded.deactivationDueAt().toString());
                case ErasureRequested requested -> answer.put("dueAt", requested.dueAt().toString());
                default -> { }
            }
            return answer;
        }));
    }
}
