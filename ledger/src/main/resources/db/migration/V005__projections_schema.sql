-- Read models, rebuilt from the events at will. Unlike ledger.events they are mutable: the service
-- (through ledger_writer) may update and delete here, never there.
--
-- Every read-model row carries the generation of its projection. Queries read the projection's
-- active generation; a rebuild writes the next one beside it while the old one keeps serving, then
-- switches the active generation in one transaction. No DDL at runtime: the service role owns
-- nothing and a query sees one generation or the other, never a half-built one.
CREATE SCHEMA IF NOT EXISTS projections;
GRANT USAGE ON SCHEMA projections TO ledger_writer;

-- Which generation of each projection queries read.
CREATE TABLE projections.active_generations (
    projection text PRIMARY KEY,
    generation integer NOT NULL
);

-- Where each generation's runner stands, committed in the same transaction as the rows it wrote:
-- after a crash the runner resumes exactly after the last batch that committed.
CREATE TABLE projections.checkpoints (
    projection     text        NOT NULL,
    generation     integer     NOT NULL,
    transaction_id xid8        NOT NULL,
    position       bigint      NOT NULL,
    events_applied bigint      NOT NULL,
    last_recorded_at timestamptz,
    updated_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (projection, generation)
);

-- Policy catalogue: every published version, archived ones included.
CREATE TABLE projections.policy_versions (
    generation   integer     NOT NULL,
    policy_id    text        NOT NULL,
    version      text        NOT NULL,
    position     bigint      NOT NULL,
    recorded_at  timestamptz NOT NULL,
    effective_at timestamptz NOT NULL,
    major        boolean     NOT NULL,
    document     jsonb       NOT NULL,
    PRIMARY KEY (generation, policy_id, version)
);

-- Every grant, withdrawal, deactivation and erasure as a fact, per subject and key (a purpose, or
-- '@deactivated' / '@erased' for the subject as a whole). The bitemporal rows below are recomputed
-- from these when a key changes.
CREATE TABLE projections.consent_changes (
    generation     integer     NOT NULL,
    subject_id     text        NOT NULL,
    key            text        NOT NULL,
    position       bigint      NOT NULL,
    change         text        NOT NULL CHECK (change IN ('granted', 'withdrawn', 'deactivated', 'erased')),
    occurred_at    timestamptz NOT NULL,
    recorded_at    timestamptz NOT NULL,
    consent_id     text,
    policy_id      text,
    policy_version text,
    recipients     text[]      NOT NULL DEFAULT '{}',
    bundled        boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (generation, subject_id, key, position)
);

-- Bitemporal consent history: which change is in effect for a key over valid time [valid_from,
-- valid_to) (from occurredAt), as the ledger knew it over transaction time [recorded_from,
-- recorded_to) (from recordedAt). 'infinity' closes nothing. asOf=T & knownAt=K is one lookup of
-- the subject's rows with valid_from <= T < valid_to and recorded_from <= K < recorded_to.
CREATE TABLE projections.consent_history (
    generation     integer     NOT NULL,
    subject_id     text        NOT NULL,
    key            text        NOT NULL,
    valid_from     timestamptz NOT NULL,
    valid_to       timestamptz NOT NULL,
    recorded_from  timestamptz NOT NULL,
    recorded_to    timestamptz NOT NULL,
    position       bigint      NOT NULL,
    PRIMARY KEY (generation, subject_id, key, valid_from, recorded_from),
    CHECK (valid_from < valid_to AND recorded_from < recorded_to)
);

-- The current state is the row open in both times.
CREATE INDEX consent_history_current ON projections.consent_history (generation, subject_id)
    WHERE valid_to = 'infinity' AND recorded_to = 'infinity';

-- Access log with verdicts; pages are keyset on position.
CREATE TABLE projections.access_log (
    generation      integer     NOT NULL,
    position        bigint      NOT NULL,
    access_id       text        NOT NULL,
    subject_id      text        NOT NULL,
    purpose         text        NOT NULL,
    data_categories text[]      NOT NULL,
    processor       text        NOT NULL,
    verdict         text        NOT NULL,
    reason          text        NOT NULL,
    basis           jsonb       NOT NULL,
    policy_version  text,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL,
    PRIMARY KEY (generation, position)
);
CREATE INDEX access_log_subject ON projections.access_log (generation, subject_id, position);
CREATE INDEX access_log_purpose ON projections.access_log (generation, purpose, position);
CREATE INDEX access_log_verdict ON projections.access_log (generation, verdict, position);
CREATE INDEX access_log_occurred ON projections.access_log (generation, occurred_at);

-- Obligations (rules 6 and 7): a deadline per offboarding and per erasure request. Whether one is
-- pending, met or late depends on the time of the question, so it is computed when asked.
CREATE TABLE projections.obligations (
    generation integer     NOT NULL,
    subject_id text        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('deactivation', 'erasure')),
    request_id text        NOT NULL,
    started_at timestamptz NOT NULL,
    due_at     timestamptz NOT NULL,
    met_at     timestamptz,
    position   bigint      NOT NULL,
    PRIMARY KEY (generation, subject_id, kind, request_id)
);
CREATE INDEX obligations_due ON projections.obligations (generation, due_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA projections TO ledger_writer;
