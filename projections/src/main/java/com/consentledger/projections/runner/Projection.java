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

    /**
     * What a projection is, as the runner and the rebuild need it.
     *
     * @param name       stable: the key of its checkpoints and active generation
     * @param tables     the tables it writes, each with a {@code generation} column (digest, clean-up)
     * @param eventTypes the event types it reads: only these are read for it, the others it passes by
     *                   unread
     */
    record About(String name, List<String> tables, List<Class<? extends LedgerEvent>> eventTypes) {
        public About {
            tables = List.copyOf(tables);
            eventTypes = List.copyOf(eventTypes);
        }
    }

    About about();

    default String name() {
        return about().name();
    }

    default List<String> tables() {
        return about().tables();
    }

    default List<Class<? extends LedgerEvent>> eventTypes() {
        return about().eventTypes();
    }

    Future<Void> apply(SqlConnection transaction, int generation, List<StoredEvent> events);
}
