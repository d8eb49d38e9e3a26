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

bench/.venv/bin/python - "$N" "$SEED" <<'PY'
import json, os, platform, re, subprocess, sys, datetime
n, seed = sys.argv[1], sys.argv[2]
q = json.load(open("bench/out/qonys.json"))
o = json.load(open("bench/out/openfisca.json"))
for key in ("total_rent_tiyn", "total_certificate_tiyn"):
    if q[key] != o[key]:
        sys.exit(f"the two computations disagree on {key}: qonys {q[key]}, openfisca {o[key]}")
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
ratio = o["seconds"] / q["seconds"] if q["seconds"] else float("inf")
table = f"""<!-- rules-bench:start -->
Run on {datetime.date.today().isoformat()}, {os.cpu_count()} cores ({cpu}); reproduce with `bash bench/run-rules.sh {n} {seed}`.

| | Qonys (`qonys bench rules`) | OpenFisca-Core {o["openfisca_core_version"]} |
|---|---|---|
| households / persons | {q["households"]:,} / {q["persons"]:,} | {o["households"]:,} / {o["persons"]:,} |
| what is timed | the computation (median of {q["repeat"]}) | simulation build + calculation (median of 3) |
| seconds | {q["seconds"]*1e3:.1f} ms | {o["seconds"]*1e3:.0f} ms (build {o["build_seconds"]*1e3:.0f} ms, calculation {o["calc_seconds"]*1e3:.0f} ms) |
| households per second | {q["households_per_second"]:,.0f} | {o["households_per_second"]:,.0f} |
| total rent compensation | {q["total_rent_tiyn"]:,} tiyn | {o["total_rent_tiyn"]:,} tiyn |
| total certificate payments | {q["total_certificate_tiyn"]:,} tiyn | {o["total_certificate_tiyn"]:,} tiyn |

Qonys is **{ratio:.0f}×** faster on the same households, with identical totals (checked by the script).
<!-- rules-bench:end -->"""
path = "BENCHMARKS.md"
text = open(path).read() if os.path.exists(path) else "# Benchmarks\n\nEvery figure names the command that reproduces it and the peer measured in the same run.\n\n## Rules: rent compensation and certificate amounts\n\n<!-- rules-bench:start -->\n<!-- rules-bench:end -->\n"
text = re.sub(r"<!-- rules-bench:start -->.*?<!-- rules-bench:end -->", lambda _: table, text, flags=re.S)
open(path, "w").write(text)
print(table)
PY
