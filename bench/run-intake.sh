#!/usr/bin/env bash
# Intake commands per second through the store next to the raw insert rate of the same database, measured in
# the same run, on SQLite and PostgreSQL; the figures go to BENCHMARKS.md.
#   bash bench/run-intake.sh [COMMANDS] [POSTGRES_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-5000}"
PG="${2:-postgres://postgres@127.0.0.1:5432/qonys_bench}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/qonys-target}"
cargo build --quiet --release -p cli
Q="$CARGO_TARGET_DIR/release/qonys"
mkdir -p bench/out
rm -f bench/out/intake.db bench/out/intake.db-wal bench/out/intake.db-shm
psql -q "${PG%/*}/postgres" -c "DROP DATABASE IF EXISTS ${PG##*/}" -c "CREATE DATABASE ${PG##*/}" >/dev/null
: > bench/out/intake.jsonl
for clients in 1 8 64; do
    "$Q" --json --database "sqlite://$PWD/bench/out/intake.db" bench intake --commands "$N" --clients "$clients" >> bench/out/intake.jsonl
    "$Q" --json --database "$PG" bench intake --commands "$N" --clients "$clients" >> bench/out/intake.jsonl
done
python3 - "$N" <<'PY'
import json, os, re, sys, datetime, platform
n = sys.argv[1]
rows = []
text = open("bench/out/intake.jsonl").read()
for chunk in re.findall(r"\{.*?\}", text, flags=re.S):
    rows.append(json.loads(chunk))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
lines = [
    "<!-- intake-bench:start -->",
    f"Run on {datetime.date.today().isoformat()}, {os.cpu_count()} cores ({cpu}); reproduce with `bash bench/run-intake.sh {n}`.",
    "",
    "| database | clients | raw single-row inserts / s | the same rows raw / s | intake commands / s | vs single rows | vs the same rows |",
    "|---|---|---|---|---|---|---|",
]
for r in rows:
    lines.append(f"| {r['backend']} | {r['clients']} | {r['raw_inserts_per_second']:,.0f} | {r['raw_command_rows_per_second']:,.0f} | {r['commands_per_second']:,.0f} | {r['ratio']*100:.0f}% | {r['ratio_to_same_rows']*100:.0f}% |")
lines.append("<!-- intake-bench:end -->")
table = "\n".join(lines)
path = "BENCHMARKS.md"
doc = open(path).read()
if "<!-- intake-bench:start -->" not in doc:
    doc += "\n## Store: intake commands against the raw insert rate\n\n<!-- intake-bench:start -->\n<!-- intake-bench:end -->\n"
doc = re.sub(r"<!-- intake-bench:start -->.*?<!-- intake-bench:end -->", lambda _: table, doc, flags=re.S)
open(path, "w").write(doc)
print(table)
PY
