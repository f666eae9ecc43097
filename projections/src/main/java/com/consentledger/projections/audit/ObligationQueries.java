package com.consentledger.projections.audit;

import com.consentledger.ledger.offboarding.Obligation;
import com.consentledger.projections.runner.Generations;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Deadlines of rules 6 and 7 as auditors list them: pending, met or late at the time of the question. */
public final class ObligationQueries {

    private static final String STARTED = "SELECT subject_id, kind, started_at, due_at, met_at FROM projections.obligations"
            + " WHERE generation = " + Generations.active(ObligationsProjection.NAME)
            + " AND started_at > '-infinity'";
    private static final String PENDING = STARTED + " AND met_at IS NULL AND due_at > $1 ORDER BY due_at, subject_id";
    private static final String MET = STARTED + " AND met_at < due_at AND $1::timestamptz IS NOT NULL ORDER BY due_at, subject_id";
    private static final String LATE = STARTED
            + " AND ((met_at IS NULL AND due_at <= $1) OR met_at >= due_at) ORDER BY due_at, subject_id";

    private final Pool pool;

    public ObligationQueries(Pool pool) {
        this.pool = pool;
    }

    public Future<List<Obligation>> list(Obligation.Status status, Instant now) {
        String sql = switch (status) {
            case PENDING -> PENDING;
            case MET -> MET;
            case LATE -> LATE;
        };
        return pool.preparedQuery(sql).execute(Tuple.of(now.atOffset(ZoneOffset.UTC))).map(rows -> {
            List<Obligation> obligations = new ArrayList<>();
            for (Row row : rows) {
                OffsetDateTime metAt = row.getOffsetDateTime("met_at");
                obligations.add(new Obligation(row.getString("subject_id"),
                        Obligation.Kind.valueOf(row.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                        row.getOffsetDateTime("started_at").toInstant(), row.getOffsetDateTime("due_at").toInstant(),
                        metAt == null ? null : metAt.toInstant()));
            }
            return obligations;
        });
    }
}
