package com.consentledger.projections.policy;

import com.consentledger.ledger.events.PolicyVersionPublished;
import com.consentledger.projections.runner.Events;
import com.consentledger.projections.runner.Projection;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.ZoneOffset;
import java.util.List;

/** Every published policy version, archived ones included, with when the ledger recorded it. */
public final class PolicyCatalogueProjection implements Projection {

    public static final String NAME = "policy-catalogue";

    private static final String INSERT = """
            INSERT INTO projections.policy_versions
                (generation, policy_id, version, position, recorded_at, effective_at, major, document)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb)""";

    private static final About ABOUT = new About(NAME, List.of("projections.policy_versions"),
            List.of(PolicyVersionPublished.class));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public Future<Void> apply(SqlConnection transaction, int generation, List<com.consentledger.ledger.eventstore.StoredEvent> events) {
        List<Tuple> rows = Events.decode(events, ABOUT.eventTypes()).stream()
                .filter(decoded -> decoded.event() instanceof PolicyVersionPublished)
                .map(decoded -> {
                    PolicyVersionPublished published = (PolicyVersionPublished) decoded.event();
                    return Tuple.of(generation, published.policyId(), published.version(), decoded.stored().position(),
                            decoded.stored().recordedAt().atOffset(ZoneOffset.UTC),
                            published.effectiveAt().atOffset(ZoneOffset.UTC), published.major(),
                            decoded.stored().payloadJson());
                })
                .toList();
        return rows.isEmpty() ? Future.succeededFuture() : transaction.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
    }
}
