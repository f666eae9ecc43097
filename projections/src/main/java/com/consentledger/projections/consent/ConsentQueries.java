package com.consentledger.projections.consent;

import com.consentledger.ledger.consent.PurposeStatus;
import com.consentledger.ledger.policy.PolicyHistory;
import com.consentledger.projections.policy.PolicyQueries;
import com.consentledger.projections.runner.Generations;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** "What was E1024's consent state at T, as the ledger knew it at K?" from the bitemporal projection. */
public final class ConsentQueries {

    /** One index range of the subject's rows; the interval predicates pick at most one row per key. */
    private static final String DECIDING_CHANGES = "SELECT " + prefixed(ConsentHistoryProjection.CHANGE_COLUMNS) + """
             FROM projections.consent_history h
            JOIN projections.consent_changes c ON c.generation = h.generation AND c.subject_id = h.subject_id
                 AND c.key = h.key AND c.position = h.position
            WHERE h.generation = """ + Generations.active(ConsentHistoryProjection.NAME) + """
             AND h.subject_id = $1 AND h.valid_from <= $2 AND h.valid_to > $2
              AND h.recorded_from <= $3 AND h.recorded_to > $3""";

    private static final String SUBJECTS_AFTER = "SELECT DISTINCT subject_id FROM projections.consent_changes"
            + " WHERE generation = " + Generations.active(ConsentHistoryProjection.NAME)
            + " AND subject_id > $1 ORDER BY subject_id LIMIT $2";

    private final Pool pool;
    private final PolicyQueries policies;

    public ConsentQueries(Pool pool) {
        this.pool = pool;
        this.policies = new PolicyQueries(pool);
    }

    /** The state of every purpose of the version in effect at {@code asOf}, as known at {@code knownAt}. */
    public Future<List<PurposeStatus>> statesAt(String subjectId, String policyId, Instant asOf, Instant knownAt) {
        return policies.historyKnownAt(policyId, knownAt).compose(policy -> statesAt(subjectId, policy, asOf, knownAt));
    }

    /** As above with the policy already read (known at {@code knownAt}): an export reads it once for everyone. */
    public Future<List<PurposeStatus>> statesAt(String subjectId, PolicyHistory policy, Instant asOf, Instant knownAt) {
        return pool.preparedQuery(DECIDING_CHANGES)
                .execute(Tuple.of(subjectId, asOf.atOffset(ZoneOffset.UTC), knownAt.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<ConsentChange> changes = new ArrayList<>();
                    for (Row row : rows) {
                        changes.add(ConsentHistoryProjection.changeOf(row));
                    }
                    return PointInTime.states(subjectId, changes, policy, asOf);
                });
    }

    /** Up to {@code limit} subjects with consent facts, in id order after {@code after} (keyset paging). */
    public Future<List<String>> subjectsAfter(String after, int limit) {
        return pool.preparedQuery(SUBJECTS_AFTER).execute(Tuple.of(after, limit)).map(rows -> {
            List<String> subjects = new ArrayList<>();
            rows.forEach(row -> subjects.add(row.getString("subject_id")));
            return subjects;
        });
    }

    public PolicyQueries policies() {
        return policies;
    }

    private static String prefixed(String columns) {
        return String.join(", ", java.util.Arrays.stream(columns.split(","))
                .map(column -> "c." + column.strip()).toList());
    }
}
