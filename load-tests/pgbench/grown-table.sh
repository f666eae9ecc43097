#!/usr/bin/env bash
# What an access record costs PostgreSQL once the ledger has grown: fills bench.e (a copy of ledger.events with
# all its indexes) with ROWS access records, then inserts more with access-rows-100.sql (pgbench, CLIENTS clients)
# and prints rows/s, PostgreSQL's CPU per row (its processes on this machine) and WAL bytes per row.
#   CLIENTS=1 is the service's case (one group commit in flight); 2 (the default) also shows contention.
#   IDS=time-ordered (default: the service's TimeOrderedIds) or IDS=random (UUID.randomUUID, as before them).
# Autovacuum is off on bench.e: a vacuum of millions of rows in the measured seconds would count as insert cost.
# Connects with the usual PGHOST/PGPORT/PGUSER/PGDATABASE, as a role that may create a schema.
# Example (docs/benchmarks.md): PGHOST=127.0.0.1 PGPORT=<port> PGUSER=postgres PGDATABASE=ledger ROWS=3000000 IDS=random load-tests/pgbench/grown-table.sh
set -euo pipefail
cd "$(dirname "$0")"
ROWS=${ROWS:-3000000}
IDS=${IDS:-time-ordered}
CLIENTS=${CLIENTS:-2}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
PATH="$PG_BIN:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "$IDS" in
  time-ordered) cp access-rows-100.sql "$work/insert.sql" ;;
  # the same statement with random (version 4) ids: swap the expression's two lines for gen_random_uuid()
  random) sed '/^SELECT encode(set_bit/,/^   placing/c\SELECT gen_random_uuid(),' access-rows-100.sql > "$work/insert.sql" ;;
  *) echo "IDS must be time-ordered or random, not $IDS" >&2; exit 2 ;;
esac
sed 's/generate_series(1, 100)/generate_series(1, 10000)/' "$work/insert.sql" > "$work/fill.sql"

psql -qAt -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS bench CASCADE" -c "CREATE SCHEMA bench" \
  -c "CREATE TABLE bench.e (LIKE ledger.events INCLUDING ALL) WITH (autovacuum_enabled = off)"
for _ in $(seq $(( ROWS / 10000 ))); do cat "$work/fill.sql"; done | psql -qAt -v ON_ERROR_STOP=1 > /dev/null
psql -qAt -c "VACUUM ANALYZE bench.e" -c "CHECKPOINT"

cpu() { for pid in $(pgrep -x postgres); do awk '{s += $14 + $15} END {print s}' "/proc/$pid/stat" 2>/dev/null; done \
  | awk '{s += $1} END {print s}'; }
pgbench -n -c "$CLIENTS" -j "$CLIENTS" -T 12 -f "$work/insert.sql" > "$work/pgbench.out" 2>&1 &
bench=$!
sleep 3
wal_from=$(psql -qAt -c "SELECT pg_current_wal_lsn()"); cpu_from=$(cpu)
sleep 6
wal_to=$(psql -qAt -c "SELECT pg_current_wal_lsn()"); cpu_to=$(cpu)
wait $bench || { cat "$work/pgbench.out" >&2; exit 1; }
tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/pgbench.out")
wal=$(psql -qAt -c "SELECT pg_wal_lsn_diff('$wal_to', '$wal_from')")
awk -v tps="$tps" -v cpu=$(( cpu_to - cpu_from )) -v wal="$wal" -v rows="$ROWS" -v ids="$IDS" -v clients="$CLIENTS" 'BEGIN {
  per_second = tps * 100
  printf "%s ids, %d rows before, %d clients: %.0f rows/s, PostgreSQL %.1f µs CPU and %.0f WAL bytes per row\n",
    ids, rows, clients, per_second, cpu / 100 / 6 * 1e6 / per_second, wal / (per_second * 6) }'
psql -qAt -c "SET client_min_messages = warning" -c "DROP SCHEMA bench CASCADE"
