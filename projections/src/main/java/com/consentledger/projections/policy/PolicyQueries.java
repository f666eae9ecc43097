package com.consentledger.projections.policy;

import com.consentledger.ledger.events.LedgerJson;
import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.projections.runner.Generations;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;

/** The policy catalogue as the ledger knew it at an instant (archived versions included). */
public final class PolicyQueries {

    private static final String KNOWN_AT = "SELECT document::text AS document FROM projections.policy_versions"
            + " WHERE generation = " + Generations.active(PolicyCatalogueProjection.NAME)
            + " AND policy_id = $1 AND recorded_at <= $2 ORDER BY position";

    private final Pool pool;

    public PolicyQueries(Pool pool) {
        this.pool = pool;
    }

    public Future<PolicyHistory> historyKnownAt(String policyId, Instant knownAt) {
        return pool.preparedQuery(KNOWN_AT).execute(Tuple.of(policyId, knownAt.atOffset(ZoneOffset.UTC))).map(rows -> {
            PolicyHistory history = PolicyHistory.empty(policyId);
            for (Row row : rows) {
                history = history.evolve(read(row.getString("document")));
            }
            return history;
        });
    }

    private static PolicyVersionPublished read(String document) {
        try {
            return LedgerJson.MAPPER.readValue(document, PolicyVersionPublished.class);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
