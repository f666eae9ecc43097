package com.consentledger.projections.access;

import com.consentledger.ledger.events.DataAccessed;
import com.consentledger.ledger.events.LedgerJson;
import com.consentledger.ledger.eventstore.StoredEvent;
import com.consentledger.projections.runner.Events;
import com.consentledger.projections.runner.Projection;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.ZoneOffset;
import java.util.List;

/** Every access decision with its verdict, basis and reason, for auditors' filtered, paged listings. */
public final class AccessLogProjection implements Projection {

    public static final String NAME = "access-log";

    private static final String INSERT = """
            INSERT INTO projections.access_log (generation, position, access_id, subject_id, purpose, data_categories,
                processor, verdict, reason, basis, policy_version, occurred_at, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11, $12, $13)""";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of("projections.access_log");
    }

    @Override
    public Future<Void> apply(SqlConnection transaction, int generation, List<StoredEvent> events) {
        List<Tuple> rows = Events.decode(events, DataAccessed.class).stream()
                .filter(decoded -> decoded.event() instanceof DataAccessed)
                .map(decoded -> row(generation, decoded.stored(), (DataAccessed) decoded.event()))
                .toList();
        return rows.isEmpty() ? Future.succeededFuture() : transaction.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
    }

    private static Tuple row(int generation, StoredEvent stored, DataAccessed access) {
        try {
            return Tuple.tuple(List.of(generation, stored.position(), access.accessId(), access.subjectId(),
                            access.purpose(), access.dataCategories().toArray(String[]::new), access.processor(),
                            access.verdict().value(), access.reason(), LedgerJson.MAPPER.writeValueAsString(access.basis())))
                    .addString(access.policyVersion())
                    .addOffsetDateTime(access.occurredAt().atOffset(ZoneOffset.UTC))
                    .addOffsetDateTime(stored.recordedAt().atOffset(ZoneOffset.UTC));
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("cannot write the basis of access " + access.accessId(), unwritable);
        }
    }
}
