-- The access log is read from the DataAccessed events themselves, no longer from a copy in
-- projections.access_log. Every field the log shows is in the event, so the copy bought no query power;
-- it cost a second row and five index entries per access, and a follower reading every access back: under
-- the 09:00 rush that was about a quarter of PostgreSQL's time per access. Read straight from the log, an
-- access is also listed as soon as it commits, with no projection lag.
--
-- Filters and their indexes (all partial on the one type, so other events pay nothing):
--   subjectId  events_subject (subject, position), as before for the subject's history;
--   purpose    events_access_purpose below;
--   verdict    denials are few and sought: events_access_denied; "allowed" is nearly every row;
--   from/to    a BRIN on occurred_at: accesses arrive nearly in occurredAt order, so block ranges narrow a
--              time window almost as well as a B-tree would, at a fraction of the cost per insert.
-- The payload keys are the DataAccessed.v1 JSON fields; a DataAccessed.v2 needs its own look here.
DROP TABLE projections.access_log;
DELETE FROM projections.checkpoints WHERE projection = 'access-log';
DELETE FROM projections.active_generations WHERE projection = 'access-log';

CREATE INDEX events_access_purpose ON ledger.events ((payload ->> 'purpose'), position)
    WHERE type = 'DataAccessed.v1';
CREATE INDEX events_access_denied ON ledger.events (position)
    WHERE type = 'DataAccessed.v1' AND payload ->> 'verdict' = 'denied';
CREATE INDEX events_access_occurred ON ledger.events USING brin (occurred_at)
    WHERE type = 'DataAccessed.v1';
