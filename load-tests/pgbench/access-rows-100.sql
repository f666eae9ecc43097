-- 100 access records per statement, as the group committer writes them (the service's DataAccessed.v1 payload,
-- parsed per row; random subjects; time-ordered version 7 event ids, as TimeOrderedIds makes them) into bench.e,
-- a copy of ledger.events made with CREATE TABLE bench.e (LIKE ledger.events INCLUDING ALL). Drop an index of
-- bench.e to see what it costs; grown-table.sh runs it against a table that already holds millions of rows.
-- (PostgreSQL 17 has no uuidv7(): the expression below puts the epoch millisecond in the first 48 bits.)
-- pgbench -n -c 2 -j 2 -T 10 -f load-tests/pgbench/access-rows-100.sql ledger   (docs/benchmarks.md)
INSERT INTO bench.e (event_id, type, subject, tags, payload, metadata, occurred_at)
SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
   placing substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid,
 'DataAccessed.v1', s, ARRAY['processor=attendance-service', 'subjectId=' || s],
 ('{"basis": {"type": "none", "position": null, "consentId": null, "policyVersion": null}, "reason": "never-granted", "purpose": "location-clock-in", "verdict": "denied", "accessId": "' || gen_random_uuid() || '", "processor": "attendance-service", "subjectId": "' || s || '", "occurredAt": "2026-11-28T15:35:22.286229308Z", "policyVersion": "2020-07-20", "dataCategories": ["precise-location"]}')::jsonb,
 '{"actor": "attendance-service"}'::text::jsonb, now()
FROM (SELECT 'E' || lpad((random()*20000)::int::text, 6, '0') AS s FROM generate_series(1, 100)) g;
