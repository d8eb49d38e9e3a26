#!/usr/bin/env bash
# Qonys and the OpenFisca peer on the same households in one run; the figures go to BENCHMARKS.md.
#   bash bench/run-rules.sh [HOUSEHOLDS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
SEED="${2:-42}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/qonys-target}"

bash bench/setup.sh
cargo build --quiet --release -p cli
mkdir -p bench/out
"$CARGO_TARGET_DIR/release/qonys" bench rules --households "$N" --seed "$SEED" --json \
    --dump-households bench/out/households.csv > bench/out/qonys.json
(cd bench && .venv/bin/python -m openfisca_peer.run out/households.csv) > bench/out/openfisca.json

DATE="$(date -u +%F)"
CORES="$(nproc)"
CPU="$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)"
bench/.venv/bin/python - "$N" "$SEED" "$DATE" "$CORES" "${CPU:-unknown CPU}" <<'PY'
import json, os, re, sys
n, seed, date, cores, cpu = sys.argv[1:6]
q = json.load(open("bench/out/qonys.json"))
o = json.load(open("bench/out/openfisca.json"))
for key in ("households", "persons", "total_rent_tiyn", "total_certificate_tiyn"):
    if q[key] != o[key]:
        sys.exit(f"the two computations disagree on {key}: qonys {q[key]}, openfisca {o[key]}")
if not q["seconds"] > 0:
    sys.exit("qonys reported no time")
ratio = o["seconds"] / q["seconds"]
ratio_text = f"{ratio:.0f}" if ratio >= 10 else f"{ratio:.1f}"
threads = q.get("threads")
qonys_timed = f"the computation (median of {q['repeat']}" + (f", {threads} threads)" if threads else ")")
table = f"""<!-- rules-bench:start -->
Run on {date}, {cores} cores ({cpu}); reproduce with `bash bench/run-rules.sh {n} {seed}`.

| | Qonys (`qonys bench rules`) | OpenFisca-Core {o["openfisca_core_version"]} |
|---|---|---|
| households / persons | {q["households"]:,} / {q["persons"]:,} | {o["households"]:,} / {o["persons"]:,} |
| what is timed | {qonys_timed} | simulation build + calculation (median of {o["repeat"]}, 1 thread) |
| seconds | {q["seconds"]*1e3:.1f} ms | {o["seconds"]*1e3:.0f} ms (build {o["build_seconds"]*1e3:.0f} ms, calculation {o["calc_seconds"]*1e3:.0f} ms) |
| households per second | {q["households_per_second"]:,.0f} | {o["households_per_second"]:,.0f} |
| total rent compensation | {q["total_rent_tiyn"]:,} tiyn | {o["total_rent_tiyn"]:,} tiyn |
| total certificate payments | {q["total_certificate_tiyn"]:,} tiyn | {o["total_certificate_tiyn"]:,} tiyn |

Qonys is **{ratio_text}×** faster on the same households (OpenFisca seconds / Qonys seconds), with identical
totals (checked by the script).
<!-- rules-bench:end -->"""
path = "BENCHMARKS.md"
if os.path.exists(path):
    text = open(path).read()
else:
    text = "# Benchmarks\n\nEvery figure names the command that reproduces it and the peer measured in the same run (see `bench/README.md`).\n"
if "<!-- rules-bench:start -->" in text and "<!-- rules-bench:end -->" in text:
    text = re.sub(r"<!-- rules-bench:start -->.*?<!-- rules-bench:end -->", lambda _: table, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n## Rules: rent compensation and certificate amounts\n\n" + table + "\n"
open(path, "w").write(text)
print(table)
PY
