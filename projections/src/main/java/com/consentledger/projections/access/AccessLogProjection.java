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

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Every access decision with its verdict, basis and reason, for auditors' filtered, paged listings. */
public final class AccessLogProjection implements Projection {

    public static final String NAME = "access-log";

    /**
     * One statement per batch from parallel arrays: a statement per row (a pipelined batch) cost PostgreSQL
     * about twice as much under the rush. The data categories travel as one JSON array per row.
     */
    private static final String INSERT = """
            INSERT INTO projections.access_log (generation, position, access_id, subject_id, purpose, data_categories,
                processor, verdict, reason, basis, policy_version, occurred_at, recorded_at)
            SELECT $1, position, access_id, subject_id, purpose,
                   ARRAY(SELECT jsonb_array_elements_text(data_categories::jsonb)), processor, verdict, reason,
                   basis::jsonb, policy_version, occurred_at, recorded_at
            FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                        $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::timestamptz[])
                 AS rows (position, access_id, subject_id, purpose, data_categories, processor, verdict, reason, basis,
                          policy_version, occurred_at, recorded_at)""";

    private static final About ABOUT = new About(NAME, List.of("projections.access_log"),
            List.of(DataAccessed.class));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public Future<Void> apply(SqlConnection transaction, int generation, List<StoredEvent> events) {
        List<Events.Decoded> accesses = Events.decode(events, ABOUT.eventTypes()).stream()
                .filter(decoded -> decoded.event() instanceof DataAccessed)
                .toList();
        if (accesses.isEmpty()) {
            return Future.succeededFuture();
        }
        int n = accesses.size();
        Long[] position = new Long[n];
        String[] accessId = new String[n];
        String[] subjectId = new String[n];
        String[] purpose = new String[n];
        String[] dataCategories = new String[n];
        String[] processor = new String[n];
        String[] verdict = new String[n];
        String[] reason = new String[n];
        String[] basis = new String[n];
        String[] policyVersion = new String[n];
        OffsetDateTime[] occurredAt = new OffsetDateTime[n];
        OffsetDateTime[] recordedAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            StoredEvent stored = accesses.get(i).stored();
            DataAccessed access = (DataAccessed) accesses.get(i).event();
            position[i] = stored.position();
            accessId[i] = access.accessId();
            subjectId[i] = access.subjectId();
            purpose[i] = access.purpose();
            dataCategories[i] = json(access.dataCategories(), access);
            processor[i] = access.processor();
            verdict[i] = access.verdict().value();
            reason[i] = access.reason();
            basis[i] = json(access.basis(), access);
            policyVersion[i] = access.policyVersion();
            occurredAt[i] = access.occurredAt().atOffset(ZoneOffset.UTC);
            recordedAt[i] = stored.recordedAt().atOffset(ZoneOffset.UTC);
        }
        return transaction.preparedQuery(INSERT).execute(Tuple.tuple(List.of(generation, position, accessId, subjectId,
                purpose, dataCategories, processor, verdict, reason, basis, policyVersion, occurredAt, recordedAt)))
                .mapEmpty();
    }

    private static String json(Object value, DataAccessed access) {
        try {
            return LedgerJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("cannot write access " + access.accessId(), unwritable);
        }
    }
}
