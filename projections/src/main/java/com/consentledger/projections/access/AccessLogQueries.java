package com.consentledger.projections.access;

import com.consentledger.ledger.events.EventCatalogue;
import com.consentledger.ledger.events.DataAccessed;
import com.consentledger.ledger.events.Verdict;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The access log for auditors: filtered, newest first, in keyset pages (stable while new accesses arrive).
 * It reads the {@code DataAccessed} events themselves (migration V008 says why and which indexes serve which
 * filter), so an access is listed as soon as it is committed.
 */
public final class AccessLogQueries {

    public static final int MAX_PAGE = 1_000;
    private static final String ACCESS_TYPE = EventCatalogue.LEDGER.typeName(DataAccessed.class);

    private final Pool pool;

    public AccessLogQueries(Pool pool) {
        this.pool = pool;
    }

    /** Every field optional; {@code from} inclusive and {@code to} exclusive, on occurredAt. */
    public record Filter(String subjectId, String purpose, Verdict verdict, Instant from, Instant to) {
        public static final Filter ALL = new Filter(null, null, null, null, null);
    }

    public record Entry(long position, String accessId, String subjectId, String purpose, List<String> dataCategories,
                        String processor, String verdict, String reason, JsonObject basis, String policyVersion,
                        Instant occurredAt, Instant recordedAt) {
    }

    /** A page and the cursor of the next one ({@code null} on the last page). */
    public record Page(List<Entry> items, Long next) {
    }

    /** A statement and its parameters, apart so tests can check its plan. */
    record Query(String sql, Tuple parameters) {
    }

    /**
     * @param before the cursor of the previous page (a position), or {@code null} for the first page
     */
    public Future<Page> page(Filter filter, Long before, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Future.failedFuture(new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ", was " + limit));
        }
        Query query = query(filter, before, limit + 1);
        return pool.preparedQuery(query.sql()).execute(query.parameters()).map(rows -> {
            List<Entry> items = new ArrayList<>();
            for (Row row : rows) {
                items.add(entry(row));
            }
            boolean more = items.size() > limit;
            List<Entry> page = more ? items.subList(0, limit) : items;
            return new Page(List.copyOf(page), more ? page.getLast().position() : null);
        });
    }

    static Query query(Filter filter, Long before, int rows) {
        StringBuilder sql = new StringBuilder("""
                SELECT position, payload ->> 'accessId' AS access_id, subject, payload ->> 'purpose' AS purpose,
                       payload -> 'dataCategories' AS data_categories, payload ->> 'processor' AS processor,
                       payload ->> 'verdict' AS verdict, payload ->> 'reason' AS reason, payload -> 'basis' AS basis,
                       payload ->> 'policyVersion' AS policy_version, occurred_at, recorded_at
                FROM ledger.events WHERE type = '""").append(ACCESS_TYPE).append('\'');
        List<Object> parameters = new ArrayList<>();
        condition(sql, parameters, "subject = ", filter.subjectId());
        condition(sql, parameters, "payload ->> 'purpose' = ", filter.purpose());
        if (filter.verdict() != null) {
            // a literal from the enum, not a parameter: only a literal lets the plan use the index of denials
            sql.append(" AND payload ->> 'verdict' = '").append(filter.verdict().value()).append('\'');
        }
        condition(sql, parameters, "occurred_at >= ", filter.from() == null ? null : filter.from().atOffset(ZoneOffset.UTC));
        condition(sql, parameters, "occurred_at < ", filter.to() == null ? null : filter.to().atOffset(ZoneOffset.UTC));
        condition(sql, parameters, "position < ", before);
        parameters.add(rows);
        sql.append(" ORDER BY position DESC LIMIT $").append(parameters.size());
        return new Query(sql.toString(), Tuple.tuple(parameters));
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String predicate, Object value) {
        if (value != null) {
            parameters.add(value);
            sql.append(" AND ").append(predicate).append('$').append(parameters.size());
        }
    }

    private static Entry entry(Row row) {
        List<String> dataCategories = ((JsonArray) row.getJson("data_categories")).stream().map(String.class::cast).toList();
        return new Entry(row.getLong("position"), row.getString("access_id"), row.getString("subject"),
                row.getString("purpose"), dataCategories, row.getString("processor"), row.getString("verdict"),
                row.getString("reason"), (JsonObject) row.getJson("basis"), row.getString("policy_version"),
                row.getOffsetDateTime("occurred_at").toInstant(), row.getOffsetDateTime("recorded_at").toInstant());
    }
}
