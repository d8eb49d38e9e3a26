#!/usr/bin/env bash
# The web service under HTTP load from a separate process on loopback (wrk), next to a trivial axum hello-world
# measured in the same run as the ceiling: requests per second, p50 and p99 latency of a read (the case page as
# JSON) and a write (a quota application: one command with its audit record), on SQLite and on PostgreSQL. The
# figures go to BENCHMARKS.md.
#   bash bench/run-http.sh [SECONDS] [POSTGRES_URL]
# SECONDS: each measured load (default 10; each has a 2-second warm-up before it). POSTGRES_URL: the database
# to create, fill and drop (default postgres://postgres@127.0.0.1:5432/qonys_http_bench; trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_LOAD="${1:-10}"
PG="${2:-postgres://postgres@127.0.0.1:5432/qonys_http_bench}"
THREADS=2
CONNECTIONS=16
WARMUP=2
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/qonys-target}"

for tool in wrk curl psql python3; do
    command -v "$tool" >/dev/null || { echo "run-http: $tool is needed (wrk: apt-get install -y wrk)" >&2; exit 2; }
done

load1="$(cut -d ' ' -f 1 /proc/loadavg)"
if python3 -c 'import sys; sys.exit(float(sys.argv[1]) < 1.0)' "$load1"; then
    echo "run-http: the load average is $load1: something else is using the processor, the figures will be low" >&2
fi
cargo build --quiet --release -p cli -p web --bin qonys --example hello
Q="$CARGO_TARGET_DIR/release/qonys"
HELLO="$CARGO_TARGET_DIR/release/examples/hello"
LUA="$PWD/bench/http/load.lua"
OUT="$PWD/bench/out"
mkdir -p "$OUT"
: > "$OUT/http.jsonl"
TMP="$(mktemp -d)"
RUN="$(date +%s)$$"
PG_ADMIN="${PG%/*}/postgres"
PG_NAME="${PG##*/}"
PIDS=()

# stop PID: SIGTERM (the service finishes the requests in flight), SIGKILL after 5 s; only the servers this
# script started, and each once.
stop() {
    local pid="$1" kept=() p
    for p in "${PIDS[@]}"; do
        [ "$p" = "$pid" ] || kept+=("$p")
    done
    PIDS=("${kept[@]}")
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    local pid
    for pid in "${PIDS[@]}"; do
        stop "$pid"
    done
    psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $PG_NAME WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
    echo "run-http: $*" >&2
    exit 1
}

# start NAME COMMAND...: runs a server in the background, waits for the address it prints once bound and sets
# PID and ADDR.
start() {
    local name="$1"
    shift
    "$@" > "$TMP/$name.out" 2> "$TMP/$name.err" &
    PID=$!
    PIDS+=("$PID")
    ADDR=""
    for _ in $(seq 1 1200); do
        ADDR="$(sed -n -E 's#^(qonys serve: |listening on )http://([0-9.]+:[0-9]+).*#\2#p' "$TMP/$name.out" | head -n 1)"
        [ -n "$ADDR" ] && return 0
        kill -0 "$PID" 2>/dev/null || { cat "$TMP/$name.err" >&2; fail "$name stopped before listening"; }
        sleep 0.1
    done
    fail "$name did not listen within 120 s"
}

# load LABEL DATABASE MODE EXPECT URL [FILE COOKIE CSRF]: a warm-up, then the measured load; keeps wrk's output
# in bench/out/http-LABEL.txt and its result line in bench/out/http.jsonl, and fails on any answer other than
# EXPECT or any socket error.
load() {
    local label="$1" database="$2" mode="$3" expect="$4" url="$5"
    shift 5
    local phase seconds result
    for phase in w m; do
        seconds=$([ "$phase" = w ] && echo "$WARMUP" || echo "$SECONDS_PER_LOAD")
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$LUA" "$url" \
            -- "$mode" "$expect" "$@" "$RUN$phase" > "$OUT/http-$label.txt" 2>&1 \
            || { cat "$OUT/http-$label.txt" >&2; fail "wrk failed for $label"; }
        result="$(grep '^RESULT ' "$OUT/http-$label.txt" | tail -n 1)"
        [ -n "$result" ] || { cat "$OUT/http-$label.txt" >&2; fail "no result line for $label"; }
        case " $result " in
            *" bad=0 socket_errors=0 "*) ;;
            *) cat "$OUT/http-$label.txt" >&2; fail "$label: answers other than $expect or socket errors: $result" ;;
        esac
    done
    echo "$label: $result"
    python3 - "$label" "$database" "$mode" "$result" >> "$OUT/http.jsonl" <<'PY'
import json, sys
label, database, mode, result = sys.argv[1:5]
fields = dict(kv.split("=", 1) for kv in result.split()[1:])
row = {"label": label, "database": database, "mode": mode}
row.update({k: float(v) if k in ("seconds", "rps") else int(v) for k, v in fields.items()})
print(json.dumps(row))
PY
}

# The ceiling: the same machine, loopback, tokio and axum, and nothing else.
start hello "$HELLO" 127.0.0.1:0
load hello none hello 200 "http://$ADDR"
stop "$PID"

psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $PG_NAME WITH (FORCE)" -c "CREATE DATABASE $PG_NAME" >/dev/null

for database in sqlite postgres; do
    if [ "$database" = sqlite ]; then
        url="sqlite://$TMP/http.db"
    else
        url="$PG"
    fi
    start "$database" "$Q" --database "$url" serve --demo --bind 127.0.0.1:0
    base="http://$ADDR"
    for _ in $(seq 1 300); do
        curl -sf "$base/ready" >/dev/null && break
        sleep 0.1
    done
    curl -sf "$base/ready" >/dev/null || fail "$database: /ready does not answer"

    # Sign in as the State Corporation operator of Pavlodar (region 55) with the password demo mode printed.
    password="$(awk '$1 == "demo.sc.pavlodar" && $2 == "/" { print $3 }' "$TMP/$database.out")"
    [ -n "$password" ] || fail "$database: no password printed for demo.sc.pavlodar"
    status="$(curl -s -o "$TMP/session.json" -D "$TMP/session.headers" -w '%{http_code}' \
        -H 'Content-Type: application/json' \
        -d "{\"login\":\"demo.sc.pavlodar\",\"password\":\"$password\"}" "$base/api/v1/session")"
    [ "$status" = 200 ] || fail "$database: sign-in answered $status: $(cat "$TMP/session.json")"
    cookie="$(tr -d '\r' < "$TMP/session.headers" | sed -n -E 's/^[Ss]et-[Cc]ookie: (qonys_session=[^;]*).*/\1/p' | head -n 1)"
    csrf="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["csrf"])' "$TMP/session.json")"
    [ -n "$cookie" ] && [ -n "$csrf" ] || fail "$database: no session cookie or CSRF token"

    # Applicants: persons of the sandbox population the server loaded, kept if the service accepts them.
    if [ "$database" = sqlite ]; then
        python3 -c 'import sqlite3, sys; [print(r[0]) for r in sqlite3.connect(sys.argv[1]).execute("SELECT iin FROM sandbox_persons ORDER BY iin LIMIT 64")]' \
            "$TMP/http.db" > "$TMP/candidates.txt"
    else
        psql -At "$PG" -c "SELECT iin FROM sandbox_persons ORDER BY iin LIMIT 64" > "$TMP/candidates.txt"
    fi
    : > "$TMP/iins.txt"
    i=0
    while read -r iin; do
        i=$((i + 1))
        status="$(curl -s -o "$TMP/probe.json" -w '%{http_code}' -H "Cookie: $cookie" -H "x-csrf-token: $csrf" \
            -H "Idempotency-Key: probe-$RUN-$i" -H 'Content-Type: application/json' \
            -d "{\"iin\":\"$iin\",\"category\":\"resettler\",\"territory\":\"550000000\",\"channel\":\"state_corporation\"}" \
            "$base/api/v1/quota-applications")"
        if [ "$status" = 201 ]; then
            echo "$iin" >> "$TMP/iins.txt"
        else
            echo "run-http: $database: applicant $i answered $status $(cat "$TMP/probe.json"); left out" >&2
        fi
    done < "$TMP/candidates.txt"
    [ "$(wc -l < "$TMP/iins.txt")" -ge 16 ] || fail "$database: fewer than 16 applicants accepted"

    # Cases of region 55 that exist: the demo applications and the ones just made.
    if [ "$database" = sqlite ]; then
        python3 -c 'import sqlite3, sys; [print(r[0]) for r in sqlite3.connect(sys.argv[1]).execute("SELECT id FROM cases WHERE region = '"'55'"' ORDER BY id")]' \
            "$TMP/http.db" > "$TMP/ids.txt"
    else
        psql -At "$PG" -c "SELECT id FROM cases WHERE region = '55' ORDER BY id" > "$TMP/ids.txt"
    fi
    [ "$(wc -l < "$TMP/ids.txt")" -ge 16 ] || fail "$database: fewer than 16 cases in region 55"

    load "$database-read" "$database" read 200 "$base" "$TMP/ids.txt" "$cookie" "$csrf"
    load "$database-write" "$database" write 201 "$base" "$TMP/iins.txt" "$cookie" "$csrf"
    stop "$PID"
done

python3 - "$SECONDS_PER_LOAD" "$THREADS" "$CONNECTIONS" "$WARMUP" "$(wrk -v 2>&1 | head -n 1 | awk '{print $2}')" "$@" <<'PY'
import json, os, re, sys, datetime, platform
seconds, threads, connections, warmup, wrk_version = sys.argv[1:6]
args = sys.argv[6:]
rows = [json.loads(l) for l in open("bench/out/http.jsonl") if l.strip()]
ceiling = next(r for r in rows if r["mode"] == "hello")
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
command = " ".join(["bash bench/run-http.sh"] + args)
what = {
    "hello": "hello-world ceiling: `GET /` answering `hello`",
    "read": "read: `GET /api/v1/cases/{id}`, the case page as JSON",
    "write": "write: `POST /api/v1/quota-applications`, a command with its audit record",
}
ms = lambda us: f"{us / 1000:.2f}"
lines = [
    "<!-- http-bench:start -->",
    f"Run on {datetime.date.today().isoformat()}, {os.cpu_count()} cores ({cpu}); reproduce with `{command}`.",
    f"wrk {wrk_version} on loopback, `-t{threads} -c{connections} -d{seconds}s` after a {warmup}-second warm-up,",
    "the same settings and the same Lua script for every row. **wrk, the server and PostgreSQL share the same "
    f"{os.cpu_count()} cores**, so every figure is a floor for a server with cores of its own.",
    "",
    "| what | database | requests / s | p50 ms | p99 ms | requests / s vs the ceiling | requests checked |",
    "|---|---|---|---|---|---|---|",
]
for r in rows:
    share = r["rps"] / ceiling["rps"] * 100
    expect = {"hello": 200, "read": 200, "write": 201}[r["mode"]]
    lines.append(
        f"| {what[r['mode']]} | {r['database'] if r['mode'] != 'hello' else '-'} | {r['rps']:,.0f} | "
        f"{ms(r['p50_us'])} | {ms(r['p99_us'])} | {share:.1f}% | {r['requests']:,} answered {expect} |"
    )
lines.append("<!-- http-bench:end -->")
table = "\n".join(lines)
path = "BENCHMARKS.md"
doc = open(path).read()
if "<!-- http-bench:start -->" not in doc:
    doc = doc.rstrip("\n") + (
        "\n\n## HTTP: the service under load against a hello-world ceiling\n\n"
        "`qonys serve --demo` under load from wrk in a separate process on loopback, next to a trivial axum "
        "hello-world (`crates/web/examples/hello.rs`) measured in the same run (see `bench/README.md`).\n\n"
        "<!-- http-bench:start -->\n<!-- http-bench:end -->\n"
    )
doc = re.sub(r"<!-- http-bench:start -->.*?<!-- http-bench:end -->", lambda _: table, doc, flags=re.S)
open(path, "w").write(doc)
print(table)
PY
