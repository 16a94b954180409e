#!/usr/bin/env bash
# Posts comments to the demo article the way readers do, over many
# connections, with the flood check off and everything else on (discussion
# rules, spam filter, SQLite with synchronous=FULL), and prints acknowledged
# comments per second, p50/p99 latency and the rows stored.
# Usage: bench/comments.sh [DURATION] [CONNECTIONS] [DB_URL]
#   defaults: 10s, 64, a fresh SQLite file
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-10s}
conns=${2:-64}

work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

db=${3:-"sqlite:$work/bench.db"}
CGO_ENABLED=0 go build -o "$work/masthead" ./cmd/masthead
go build -o "$work/commentload" ./bench/commentload
"$work/masthead" settings set comment_flood_seconds 0 --db "$db" >/dev/null
path=$("$work/masthead" import feed internal/demo/conversation-sample.atom --db "$db" | head -1)
before=$("$work/masthead" comment list --db "$db" | wc -l)
"$work/masthead" serve --db "$db" --addr 127.0.0.1:18082 >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -fsS -o /dev/null http://127.0.0.1:18082/healthz 2>/dev/null && break; sleep 0.1; done

"$work/commentload" -url "http://127.0.0.1:18082$path" -c "$conns" -d "$dur"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
after=$("$work/masthead" comment list --db "$db" | wc -l)
echo "rows stored: $((after - before))"
