#!/usr/bin/env bash
# Starts `qonys serve --demo` on a fresh SQLite file, runs the browser tests against it, stops it.
# Arguments name test files to run (default: all of tests/).
# Needs Debian's chromium (/usr/bin/chromium) and node; installs the npm packages from the lock file.
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/qonys-target}"
[ -x /usr/bin/chromium ] || { echo "Debian's chromium is missing: apt-get install -y chromium" >&2; exit 1; }
npm ci --no-audit --no-fund --silent
cargo build --quiet -p cli
work="$(mktemp -d)"
"$CARGO_TARGET_DIR/debug/qonys" --database "sqlite://$work/qonys.db" serve --demo --pki "$work/pki" --bind 127.0.0.1:0 \
    > "$work/serve.out" 2> "$work/serve.err" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
url=""
for _ in $(seq 1 240); do
    url="$(grep -o 'http://[0-9.:]*' "$work/serve.out" 2>/dev/null | head -1 || true)"
    [ -n "$url" ] && break
    kill -0 $pid 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
    sleep 0.5
done
[ -n "$url" ] || { cat "$work/serve.err" >&2; echo "qonys serve --demo did not start" >&2; exit 1; }
QONYS_URL="$url" QONYS_ACCOUNTS="$work/serve.out" node --test --test-concurrency=1 "${@:-tests/}"
