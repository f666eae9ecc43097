-- Idempotency-Key of the HTTP API (DESIGN.md §4): the first answer to a write, kept so that a retry with the
-- same key and body gets it again and appends nothing, across restarts. Keys are scoped to the caller (the
-- token's sub): two callers may pick the same key.
CREATE SCHEMA IF NOT EXISTS api;
GRANT USAGE ON SCHEMA api TO ledger_writer;

CREATE TABLE api.idempotency_keys (
    caller       text        NOT NULL,
    key          text        NOT NULL,
    request_hash text        NOT NULL,   -- sha-256 of method, path and body
    status       integer,                -- NULL while the first request is still being answered
    response     text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_keys_created ON api.idempotency_keys (created_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON api.idempotency_keys TO ledger_writer;
