package com.consentledger.projections.consent;

import com.consentledger.ledger.events.ConsentGranted;
import com.consentledger.ledger.events.ConsentWithdrawn;
import com.consentledger.ledger.events.SubjectDeactivated;
import com.consentledger.ledger.events.SubjectErased;
import com.consentledger.ledger.eventstore.StoredEvent;
import com.consentledger.projections.runner.Events;
import com.consentledger.projections.runner.Projection;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bitemporal consent history (and with it the current state: the rows open in both times). Per batch:
 * store the new changes, then recompute the rows of every key they touch from all of that key's changes.
 * Four statements per batch, whatever its size.
 */
public final class ConsentHistoryProjection implements Projection {

    public static final String NAME = "consent-history";

    private static final String INSERT_CHANGES = """
            INSERT INTO projections.consent_changes (generation, subject_id, key, position, change, occurred_at,
                recorded_at, consent_id, policy_id, policy_version, recipients, bundled)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""";
    static final String CHANGE_COLUMNS = """
            subject_id, key, position, change, occurred_at, recorded_at, consent_id, policy_id, policy_version,
            recipients, bundled""";
    private static final String CHANGES_OF_KEYS = "SELECT " + CHANGE_COLUMNS + """
             FROM projections.consent_changes
            WHERE generation = $1 AND (subject_id, key) IN (SELECT * FROM unnest($2::text[], $3::text[]))""";
    private static final String DELETE_ROWS = """
            DELETE FROM projections.consent_history
            WHERE generation = $1 AND (subject_id, key) IN (SELECT * FROM unnest($2::text[], $3::text[]))""";
    private static final String INSERT_ROWS = """
            INSERT INTO projections.consent_history
                (generation, subject_id, key, valid_from, valid_to, recorded_from, recorded_to, position)
            SELECT $1, subject_id, key, valid_from, coalesce(valid_to, 'infinity'), recorded_from,
                   coalesce(recorded_to, 'infinity'), position
            FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[],
                        $7::timestamptz[], $8::bigint[])
                 AS row (subject_id, key, valid_from, valid_to, recorded_from, recorded_to, position)""";

    private static final About ABOUT = new About(NAME, List.of("projections.consent_changes", "projections.consent_history"),
            List.of(ConsentGranted.class, ConsentWithdrawn.class, SubjectDeactivated.class, SubjectErased.class));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public Future<Void> apply(SqlConnection transaction, int generation, List<StoredEvent> events) {
        List<ConsentChange> changes = Events.decode(events, ABOUT.eventTypes()).stream()
                .map(decoded -> ConsentChange.of(decoded.event(), decoded.stored().position(), decoded.stored().recordedAt()))
                .flatMap(Optional::stream)
                .toList();
        if (changes.isEmpty()) {
            return Future.succeededFuture();
        }
        Map<String, String[]> keys = new LinkedHashMap<>();
        changes.forEach(change -> keys.putIfAbsent(change.subjectId() + '\u0000' + change.key(),
                new String[]{change.subjectId(), change.key()}));
        String[] subjects = keys.values().stream().map(key -> key[0]).toArray(String[]::new);
        String[] keyNames = keys.values().stream().map(key -> key[1]).toArray(String[]::new);
        return transaction.preparedQuery(INSERT_CHANGES).executeBatch(changes.stream()
                        .map(change -> changeTuple(generation, change)).toList())
                .compose(inserted -> transaction.preparedQuery(CHANGES_OF_KEYS)
                        .execute(Tuple.of(generation, subjects, keyNames)))
                .compose(rows -> {
                    List<HistoryRow> history = recompute(rows);
                    return transaction.preparedQuery(DELETE_ROWS).execute(Tuple.of(generation, subjects, keyNames))
                            .compose(deleted -> transaction.preparedQuery(INSERT_ROWS).execute(rowsTuple(generation, history)));
                })
                .mapEmpty();
    }

    private static List<HistoryRow> recompute(Iterable<Row> rows) {
        Map<String, List<ConsentChange>> byKey = new LinkedHashMap<>();
        for (Row row : rows) {
            ConsentChange change = changeOf(row);
            byKey.computeIfAbsent(change.subjectId() + '\u0000' + change.key(), key -> new ArrayList<>()).add(change);
        }
        List<HistoryRow> history = new ArrayList<>();
        byKey.values().forEach(changes -> history.addAll(BitemporalHistory.rows(changes.getFirst().subjectId(),
                changes.getFirst().key(), changes)));
        return history;
    }

    static ConsentChange changeOf(Row row) {
        String[] recipients = row.getArrayOfStrings("recipients");
        return new ConsentChange(row.getString("subject_id"), row.getString("key"), row.getLong("position"),
                row.getString("change"), row.getOffsetDateTime("occurred_at").toInstant(),
                row.getOffsetDateTime("recorded_at").toInstant(), row.getString("consent_id"), row.getString("policy_id"),
                row.getString("policy_version"), recipients == null ? List.of() : Arrays.asList(recipients),
                row.getBoolean("bundled"));
    }

    private static Tuple changeTuple(int generation, ConsentChange change) {
        return Tuple.tuple(List.of(generation, change.subjectId(), change.key(), change.position(), change.change(),
                        utc(change.occurredAt()), utc(change.recordedAt())))
                .addString(change.consentId()).addString(change.policyId()).addString(change.policyVersion())
                .addArrayOfString(change.recipients().toArray(String[]::new)).addBoolean(change.bundled());
    }

    private static Tuple rowsTuple(int generation, List<HistoryRow> rows) {
        return Tuple.of(generation,
                rows.stream().map(HistoryRow::subjectId).toArray(String[]::new),
                rows.stream().map(HistoryRow::key).toArray(String[]::new),
                rows.stream().map(row -> utc(row.validFrom())).toArray(OffsetDateTime[]::new),
                rows.stream().map(row -> utc(row.validTo())).toArray(OffsetDateTime[]::new),
                rows.stream().map(row -> utc(row.recordedFrom())).toArray(OffsetDateTime[]::new),
                rows.stream().map(row -> utc(row.recordedTo())).toArray(OffsetDateTime[]::new),
                rows.stream().map(HistoryRow::position).toArray(Long[]::new));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
