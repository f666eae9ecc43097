-- One append-only table holds every event of the ledger.
--
-- position        global position, unique and increasing within a transaction; it is NOT commit order:
--                 two concurrent transactions may commit in the opposite order of their positions.
-- transaction_id  the committing transaction (xid8). Catch-up readers order by (transaction_id, position)
--                 and only read below pg_snapshot_xmin(pg_current_snapshot()), so a transaction that is
--                 still open can never be overtaken and skipped (see read_events_after).
-- subject         the data subject the event is about (null for policy events); the hot read path.
-- tags            Dynamic Consistency Boundary tags ("key=value"); conditional appends check them.
-- client_event_id id chosen by the client; a retry with the same id and the same content appends nothing.
CREATE TABLE ledger.events (
    position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
    event_id        uuid        NOT NULL UNIQUE,
    type            text        NOT NULL CHECK (type ~ '^[A-Z][A-Za-z0-9]*\.v[1-9][0-9]*$'),
    subject         text        CHECK (length(subject) BETWEEN 1 AND 200),
    tags            text[]      NOT NULL DEFAULT '{}',
    payload         jsonb       NOT NULL,
    metadata        jsonb       NOT NULL DEFAULT '{}',
    client_event_id text        UNIQUE CHECK (length(client_event_id) BETWEEN 1 AND 200),
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE ledger.events IS 'Append-only event log of the Consent Ledger; UPDATE, DELETE and TRUNCATE are refused.';

-- Commit-safe catch-up order.
CREATE INDEX events_commit_order ON ledger.events (transaction_id, position);
-- One subject's history, optionally bounded by position.
CREATE INDEX events_subject ON ledger.events (subject, position) WHERE subject IS NOT NULL;
-- Tag criteria of sourcing and of append conditions. fastupdate=off keeps lookups on the index:
-- with a pending list the planner misjudged tag selectivity and fell back to sequential scans.
CREATE INDEX events_tags ON ledger.events USING gin (tags) WITH (fastupdate = off);
-- tokenAt(instant).
CREATE INDEX events_recorded_at ON ledger.events (recorded_at);

GRANT SELECT, INSERT ON ledger.events TO ledger_writer;
