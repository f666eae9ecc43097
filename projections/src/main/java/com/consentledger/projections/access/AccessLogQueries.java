package com.consentledger.projections.access;

import com.consentledger.projections.runner.Generations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The access log for auditors: filtered, newest first, in keyset pages (stable while new accesses arrive). */
public final class AccessLogQueries {

    public static final int MAX_PAGE = 1_000;

    private final Pool pool;

    public AccessLogQueries(Pool pool) {
        this.pool = pool;
    }

    /** Every field optional; {@code from} inclusive and {@code to} exclusive, on occurredAt. */
    public record Filter(String subjectId, String purpose, String verdict, Instant from, Instant to) {
        public static final Filter ALL = new Filter(null, null, null, null, null);
    }

    public record Entry(long position, String accessId, String subjectId, String purpose, List<String> dataCategories,
                        String processor, String verdict, String reason, JsonObject basis, String policyVersion,
                        Instant occurredAt, Instant recordedAt) {
    }

    /** A page and the cursor of the next one ({@code null} on the last page). */
    public record Page(List<Entry> items, Long next) {
    }

    /**
     * @param before the cursor of the previous page (a position), or {@code null} for the first page
     */
    public Future<Page> page(Filter filter, Long before, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Future.failedFuture(new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ", was " + limit));
        }
        StringBuilder sql = new StringBuilder("""
                SELECT position, access_id, subject_id, purpose, data_categories, processor, verdict, reason,
                       basis::text AS basis, policy_version, occurred_at, recorded_at
                FROM projections.access_log WHERE generation = """).append(Generations.active(AccessLogProjection.NAME));
        List<Object> parameters = new ArrayList<>();
        condition(sql, parameters, "subject_id = ", filter.subjectId());
        condition(sql, parameters, "purpose = ", filter.purpose());
        condition(sql, parameters, "verdict = ", filter.verdict());
        condition(sql, parameters, "occurred_at >= ", filter.from() == null ? null : filter.from().atOffset(ZoneOffset.UTC));
        condition(sql, parameters, "occurred_at < ", filter.to() == null ? null : filter.to().atOffset(ZoneOffset.UTC));
        condition(sql, parameters, "position < ", before);
        parameters.add(limit + 1);
        sql.append(" ORDER BY position DESC LIMIT $").append(parameters.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.tuple(parameters)).map(rows -> {
            List<Entry> items = new ArrayList<>();
            for (Row row : rows) {
                items.add(entry(row));
            }
            boolean more = items.size() > limit;
            List<Entry> page = more ? items.subList(0, limit) : items;
            return new Page(List.copyOf(page), more ? page.getLast().position() : null);
        });
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String predicate, Object value) {
        if (value != null) {
            parameters.add(value);
            sql.append(" AND ").append(predicate).append('$').append(parameters.size());
        }
    }

    private static Entry entry(Row row) {
        return new Entry(row.getLong("position"), row.getString("access_id"), row.getString("subject_id"),
                row.getString("purpose"), Arrays.asList(row.getArrayOfStrings("data_categories")),
                row.getString("processor"), row.getString("verdict"), row.getString("reason"),
                new JsonObject(row.getString("basis")), row.getString("policy_version"),
                row.getOffsetDateTime("occurred_at").toInstant(), row.getOffsetDateTime("recorded_at").toInstant());
    }
}
