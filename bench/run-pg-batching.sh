#!/usr/bin/env bash
# What PostgreSQL itself gives for the rows of an intake command, written three ways, with pgbench (8 clients,
# prepared statements, 10 s each): one single-row INSERT per transaction (the raw rate of BENCHMARKS.md), the
# rows of one command in one transaction (what the store does today, without its logic), and the rows of eight
# commands in one transaction with multi-row inserts (what group commit on PostgreSQL would do). No Qonys code
# runs: this measures the database's side of the choice, not Qonys.
#   bash bench/run-pg-batching.sh [POSTGRES_ADMIN_URL]
set -euo pipefail
cd "$(dirname "$0")/pg-batching"
ADMIN="${1:-postgres://postgres@127.0.0.1:5432/postgres}"
DB="${ADMIN%/*}/qonys_pg_batching"
psql -q "$ADMIN" -c "DROP DATABASE IF EXISTS qonys_pg_batching" -c "CREATE DATABASE qonys_pg_batching"
trap 'psql -q "$ADMIN" -c "DROP DATABASE IF EXISTS qonys_pg_batching WITH (FORCE)" >/dev/null' EXIT
psql -q "$DB" -f schema.sql
for script in single per-command batch-of-8; do
    tps="$(pgbench -n -M prepared -c 8 -j 2 -T 10 -f "$script.sql" "$DB" 2>/dev/null | sed -n -E 's/^tps = ([0-9.]+).*/\1/p')"
    per=1
    [ "$script" = batch-of-8 ] && per=8
    python3 -c "import sys; t=float(sys.argv[2]); print(f'{sys.argv[1]:12s} {t:10,.0f} transactions/s  {t*int(sys.argv[3]):10,.0f} commands/s')" "$script" "$tps" "$per"
done
