-- Access records leave the tag index. They are blind appends: no decision is conditioned on them and no
-- sourcing asks for them by tag, yet their tags (subjectId, processor) made up most of the GIN index's
-- entries and about a sixth of PostgreSQL's time per access under the 09:00 rush (docs/benchmarks.md).
-- The index is now partial. A tag look-up reaches it only with the literal predicate
-- type <> 'DataAccessed.v1', so every tag query says it: PgEventStore's sourcing for each criterion that
-- does not admit DataAccessed.v1, and append_events below (its conflict check; the rest of the function
-- is unchanged from V004). A criterion with no types, or naming DataAccessed, still finds access records,
-- by a scan of them: correct, and slow on a large ledger, which is why the domain's criteria all name types.
DROP INDEX ledger.events_tags;
CREATE INDEX events_tags ON ledger.events USING gin (tags) WITH (fastupdate = off)
    WHERE type <> 'DataAccessed.v1';

CREATE OR REPLACE FUNCTION ledger.append_events(
    p_request     int[],
    p_event_id    uuid[],
    p_type        text[],
    p_subject     text[],
    p_payload     jsonb[],
    p_metadata    jsonb[],
    p_client_id   text[],
    p_occurred_at timestamptz[],
    p_tag_event   int[],
    p_tag         text[],
    p_conditions  jsonb
) RETURNS TABLE (request int, outcome text, positions bigint[])
LANGUAGE plpgsql
-- A batch is small: parallel workers only add start-up cost to every append.
SET max_parallel_workers_per_gather = 0
AS $$
#variable_conflict use_column
BEGIN
    -- Conditional writers of the same tags serialise on advisory locks taken in one global order (no
    -- deadlocks). The check below is a later statement, so its snapshot sees every writer that held a
    -- lock before us. Blind appends take no lock: they need no check, and a check sees them once committed.
    IF jsonb_array_length(p_conditions) > 0 THEN
    PERFORM pg_advisory_xact_lock(lock_key)
    FROM (SELECT DISTINCT hashtextextended(tag, 0) AS lock_key
          FROM (SELECT jsonb_array_elements_text(criterion -> 'tags') AS tag
                FROM jsonb_array_elements(p_conditions) AS c,
                     jsonb_array_elements(c -> 'criteria') AS criterion
                UNION ALL
                SELECT p_tag[j]
                FROM generate_subscripts(p_tag, 1) AS j
                WHERE p_request[p_tag_event[j]] IN
                      (SELECT (c ->> 'request')::int FROM jsonb_array_elements(p_conditions) AS c)) AS tags
          ORDER BY 1) AS keys;
    END IF;

    RETURN QUERY
    WITH incoming AS (
        SELECT i AS ordinal, p_request[i] AS request, p_event_id[i] AS event_id, p_type[i] AS type,
               p_subject[i] AS subject, p_payload[i] AS payload, coalesce(p_metadata[i], '{}') AS metadata,
               p_client_id[i] AS client_event_id, p_occurred_at[i] AS occurred_at
        FROM generate_subscripts(p_request, 1) AS i
    ),
    tags_by_event AS (
        SELECT p_tag_event[j] AS ordinal, array_agg(p_tag[j] ORDER BY j) AS tags
        FROM generate_subscripts(p_tag, 1) AS j
        GROUP BY 1
    ),
    -- "= ANY(array)" keeps these on the unique indexes: the planner cannot estimate the arrays'
    -- length and would otherwise hash-join against a sequential scan of the whole table.
    earlier AS (
        SELECT n.request, n.ordinal, e.position,
               (e.type = n.type AND e.subject IS NOT DISTINCT FROM n.subject AND e.payload = n.payload) AS same_content
        FROM ledger.events e
        JOIN incoming n ON n.event_id = e.event_id
        WHERE e.event_id = ANY (p_event_id)
        UNION
        SELECT n.request, n.ordinal, e.position,
               (e.type = n.type AND e.subject IS NOT DISTINCT FROM n.subject AND e.payload = n.payload)
        FROM ledger.events e
        JOIN incoming n ON n.client_event_id = e.client_event_id
        WHERE e.client_event_id = ANY (p_client_id)
    ),
    criteria AS (
        SELECT (c ->> 'request')::int AS request, c ->> 'snapshot' AS snapshot,
               ARRAY(SELECT jsonb_array_elements_text(criterion -> 'tags')) AS tags,
               ARRAY(SELECT jsonb_array_elements_text(criterion -> 'types')) AS types
        FROM jsonb_array_elements(p_conditions) AS c, jsonb_array_elements(c -> 'criteria') AS criterion
    ),
    -- Access records are not in the tag index: the first look reaches every other event through it (the
    -- literal type predicate is what lets the plan use the partial index); only a criterion that admits
    -- DataAccessed.v1 (no types, or that type) goes on to look among the accesses, by a scan.
    conflicted AS (
        SELECT cr.request
        FROM criteria AS cr
        WHERE EXISTS (
                  SELECT 1 FROM ledger.events e
                  WHERE e.type <> 'DataAccessed.v1' AND e.tags @> cr.tags
                    AND (cardinality(cr.types) = 0 OR e.type = ANY (cr.types)
                         OR split_part(e.type, '.', 1) = ANY (cr.types))
                    AND (cr.snapshot IS NULL OR NOT pg_visible_in_snapshot(e.transaction_id, cr.snapshot::pg_snapshot)))
           OR ((cardinality(cr.types) = 0 OR 'DataAccessed.v1' = ANY (cr.types) OR 'DataAccessed' = ANY (cr.types))
               AND EXISTS (
                  SELECT 1 FROM ledger.events e
                  WHERE e.type = 'DataAccessed.v1' AND e.tags @> cr.tags
                    AND (cr.snapshot IS NULL OR NOT pg_visible_in_snapshot(e.transaction_id, cr.snapshot::pg_snapshot))))
    ),
    verdict AS (
        SELECT r.request,
               CASE
                   WHEN d.request IS NULL AND r.request IN (SELECT request FROM conflicted) THEN 'conflict'
                   WHEN d.request IS NULL THEN 'appended'
                   WHEN d.all_same AND d.found = r.events THEN 'duplicate'
                   ELSE 'idempotency-conflict'
               END AS outcome
        FROM (SELECT request, count(*) AS events FROM incoming GROUP BY request) AS r
        LEFT JOIN (SELECT request, bool_and(same_content) AS all_same, count(DISTINCT ordinal) AS found
                   FROM earlier GROUP BY request) AS d ON d.request = r.request
    ),
    inserted AS (
        INSERT INTO ledger.events (event_id, type, subject, tags, payload, metadata, client_event_id, occurred_at)
        SELECT n.event_id, n.type, n.subject, coalesce(t.tags, '{}'), n.payload, n.metadata,
               n.client_event_id, n.occurred_at
        FROM incoming n
        JOIN verdict v ON v.request = n.request AND v.outcome = 'appended'
        LEFT JOIN tags_by_event t ON t.ordinal = n.ordinal
        ORDER BY n.ordinal
        RETURNING position, event_id
    ),
    appended AS (
        SELECT n.request, array_agg(i.position ORDER BY n.ordinal) AS positions
        FROM inserted i JOIN incoming n ON n.event_id = i.event_id
        GROUP BY n.request
    ),
    duplicated AS (
        SELECT request, array_agg(DISTINCT position ORDER BY position) AS positions
        FROM earlier GROUP BY request
    )
    SELECT v.request, v.outcome,
           CASE v.outcome WHEN 'appended' THEN a.positions WHEN 'duplicate' THEN d.positions END
    FROM verdict v
    LEFT JOIN appended a ON a.request = v.request
    LEFT JOIN duplicated d ON d.request = v.request
    ORDER BY v.request;
END
$$;

GRANT EXECUTE ON FUNCTION ledger.append_events TO ledger_writer;
