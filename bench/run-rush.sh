#!/usr/bin/env bash
# The 1 January rush on SQLite and on PostgreSQL (two instances of the application on one database), each next
# to the intake benchmark of the same database run just before it (the peer of the same run); the figures go
# to BENCHMARKS.md.
#   bash bench/run-rush.sh [APPLICANTS] [PLACES] [CLIENTS] [POSTGRES_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"
P="${2:-1000}"
C="${3:-32}"
PG="${4:-postgres://postgres@127.0.0.1:5432/qonys_bench}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/qonys-target}"
cargo build --quiet --release -p cli
Q="$CARGO_TARGET_DIR/release/qonys"
mkdir -p bench/out
rm -f bench/out/rush-intake.db bench/out/rush-intake.db-wal bench/out/rush-intake.db-shm
psql -q "${PG%/*}/postgres" -c "DROP DATABASE IF EXISTS ${PG##*/}" -c "CREATE DATABASE ${PG##*/}" >/dev/null
: > bench/out/rush.jsonl
load="$(cut -d ' ' -f 1 /proc/loadavg)"
for db in "sqlite://$PWD/bench/out/rush-intake.db" "$PG"; do
    "$Q" --json --database "$db" bench intake --commands 5000 --clients "$C" >> bench/out/rush.jsonl
    "$Q" --json --database "$db" bench rush --applicants "$N" --places "$P" --clients "$C" >> bench/out/rush.jsonl
done
psql -q "${PG%/*}/postgres" -c "DROP DATABASE IF EXISTS ${PG##*/}" >/dev/null
python3 - "$N" "$P" "$C" "$load" <<'PY'
import json, os, re, sys, datetime, platform
n, p, c, load = sys.argv[1:5]
text, rows, at = open("bench/out/rush.jsonl").read(), [], 0
decoder = json.JSONDecoder()
while True:
    while at < len(text) and text[at].isspace():
        at += 1
    if at >= len(text):
        break
    row, at = decoder.raw_decode(text, at)
    rows.append(row)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
lines = [
    "<!-- rush-bench:start -->",
    f"Run on {datetime.date.today().isoformat()}, {os.cpu_count()} cores ({cpu}), load average {load} at the start;",
    f"reproduce with `bash bench/run-rush.sh {n} {p} {c}`.",
    "",
    "| database | instances | applicants | places | places allocated | included | refused (no places / on grounds) | errors | seconds | applications / s | p99 ms per application | p99 ms per decision | intake commands / s, same run |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
]
intake = {}
for r in rows:
    if "commands_per_second" in r:
        intake[r["backend"]] = r
        continue
    i = intake.get(r["backend"], {})
    lines.append(
        f"| {r['backend']} | {r['instances']} | {r['applicants']:,} | {r['places']:,} | {r['places_allocated']:,} | {r['included']:,} | "
        f"{r['refused']:,} ({r['refused_no_places']:,} / {r['refused_on_grounds']:,}) | {r['errors']} | {r['seconds']:.1f} | "
        f"{r['applications_per_second']:,.0f} | {r['p99_ms']:.1f} | {r['decision_p99_ms']:.1f} | "
        f"{i.get('commands_per_second', 0):,.0f} ({i.get('clients', '-')} clients, {i.get('commands', '-')} commands) |"
    )
lines.append("<!-- rush-bench:end -->")
table = "\n".join(lines)
path = "BENCHMARKS.md"
doc = open(path).read()
if "<!-- rush-bench:start -->" not in doc:
    doc += "\n## The 1 January rush\n\n<!-- rush-bench:start -->\n<!-- rush-bench:end -->\n"
doc = re.sub(r"<!-- rush-bench:start -->.*?<!-- rush-bench:end -->", lambda _: table, doc, flags=re.S)
open(path, "w").write(doc)
print(table)
PY
