package com.consentledger.projections.audit;

import com.consentledger.ledger.events.ErasureRequested;
import com.consentledger.ledger.events.SubjectDeactivated;
import com.consentledger.ledger.events.SubjectErased;
import com.consentledger.ledger.events.SubjectOffboarded;
import com.consentledger.ledger.eventstore.StoredEvent;
import com.consentledger.projections.runner.Events;
import com.consentledger.projections.runner.Projection;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Deadlines of rules 6 and 7. An offboarding starts the deactivation deadline and a deactivation meets it,
 * in whichever order they are recorded (HR may deactivate first); each erasure request is its own deadline,
 * met by the erasure answering it. Applied one event at a time, in order: the upserts depend on each other.
 */
public final class ObligationsProjection implements Projection {

    public static final String NAME = "obligations";
    private static final String DEACTIVATION = "deactivation";
    private static final String ERASURE = "erasure";

    /** The deactivation row exists before its deadline is known when HR deactivated first: started_at waits. */
    private static final String START = """
            INSERT INTO projections.obligations (generation, subject_id, kind, request_id, started_at, due_at, met_at, position)
            VALUES ($1, $2, $3, $4, $5, $6, NULL, $7)
            ON CONFLICT (generation, subject_id, kind, request_id) DO UPDATE
                SET started_at = excluded.started_at, due_at = excluded.due_at, position = excluded.position""";
    private static final String MEET = """
            INSERT INTO projections.obligations (generation, subject_id, kind, request_id, started_at, due_at, met_at, position)
            VALUES ($1, $2, $3, $4, '-infinity', 'infinity', $5, $6)
            ON CONFLICT (generation, subject_id, kind, request_id) DO UPDATE
                SET met_at = least(projections.obligations.met_at, excluded.met_at)""";

    private static final About ABOUT = new About(NAME, List.of("projections.obligations"),
            List.of(SubjectOffboarded.class, SubjectDeactivated.class, ErasureRequested.class, SubjectErased.class));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public Future<Void> apply(SqlConnection transaction, int generation, List<StoredEvent> events) {
        Future<Void> applied = Future.succeededFuture();
        for (Events.Decoded decoded : Events.decode(events, ABOUT.eventTypes())) {
            long position = decoded.stored().position();
            Statement statement = switch (decoded.event()) {
                case SubjectOffboarded offboarded -> start(generation, offboarded.subjectId(), DEACTIVATION, "",
                        offboarded.occurredAt(), offboarded.deactivationDueAt(), position);
                case ErasureRequested requested -> start(generation, requested.subjectId(), ERASURE,
                        requested.requestId(), requested.occurredAt(), requested.dueAt(), position);
                case SubjectDeactivated deactivated -> meet(generation, deactivated.subjectId(), DEACTIVATION, "",
                        deactivated.occurredAt(), position);
                case SubjectErased erased -> meet(generation, erased.subjectId(), ERASURE, erased.requestId(),
                        erased.occurredAt(), position);
                default -> null;
            };
            if (statement != null) {
                applied = applied.compose(previous -> transaction.preparedQuery(statement.sql())
                        .execute(statement.parameters()).mapEmpty());
            }
        }
        return applied;
    }

    private record Statement(String sql, Tuple parameters) {
    }

    private static Statement start(int generation, String subject, String kind, String requestId, Instant startedAt,
                                   Instant dueAt, long position) {
        return new Statement(START, Tuple.of(generation, subject, kind, requestId, startedAt.atOffset(ZoneOffset.UTC),
                dueAt.atOffset(ZoneOffset.UTC), position));
    }

    private static Statement meet(int generation, String subject, String kind, String requestId, Instant metAt,
                                  long position) {
        return new Statement(MEET, Tuple.of(generation, subject, kind, requestId, metAt.atOffset(ZoneOffset.UTC),
                position));
    }
}
