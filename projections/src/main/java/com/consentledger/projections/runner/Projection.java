package com.consentledger.projections.runner;

import com.consentledger.ledger.eventstore.StoredEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import com.consentledger.ledger.events.LedgerEvent;
import java.util.List;

/**
 * A read model fed by the event stream. {@link #apply} writes one batch into the tables of one generation,
 * inside the runner's transaction (which also moves the checkpoint), so it must not commit, and must apply
 * each event exactly as if it were the only one: the runner guarantees each arrives once, in commit order.
 */
public interface Projection {

    /** Stable name: the key of its checkpoints and active generation. */
    String name();

    /** The tables it writes, each with a {@code generation} column (digest, clean-up). */
    List<String> tables();

    /** The event types it reads: only these are read whole for it, the others pass by as skeletons. */
    List<Class<? extends LedgerEvent>> eventTypes();

    Future<Void> apply(SqlConnection transaction, int generation, List<StoredEvent> events);
}
