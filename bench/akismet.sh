#!/usr/bin/env bash
# Loads the Akismet API's comment-check on a masthead started on a fresh
# SQLite database with a fresh key (no rate limit), with wrk -t2 -c64 on
# this machine, and prints requests/s and latency percentiles.
# Target: >= 10,000 requests/s, p99 <= 5 ms.
# Usage: bench/akismet.sh [DURATION]   (default 10s; port: AKISMET_BENCH_PORT, default 18090)
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-10s}
port=${AKISMET_BENCH_PORT:-18090}

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

CGO_ENABLED=0 go build -o "$work/masthead" ./cmd/masthead
db="sqlite:$work/bench.db"
key=$("$work/masthead" apikey add --site http://bench.example --rate-limit 0 --db "$db" | tail -1)
"$work/masthead" serve --db "$db" --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break; sleep 0.1; done

# A comment as WordPress's Akismet plugin sends it: the key in the body,
# the commenter, the article, and a few server variables.
cat >"$work/check.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8"
wrk.headers["User-Agent"] = "WordPress/6.6 | Akismet/5.3"
wrk.body = "api_key=$key&blog=https%3A%2F%2Fnews.example&blog_lang=en_US&blog_charset=UTF-8"
  .. "&user_ip=203.0.113.57&user_agent=Mozilla%2F5.0+%28Windows+NT+10.0%3B+Win64%3B+x64%29+AppleWebKit%2F537.36+%28KHTML%2C+like+Gecko%29+Chrome%2F126.0+Safari%2F537.36"
  .. "&referrer=https%3A%2F%2Fnews.example%2F2024%2F03%2Fwhy-would-islamic-state-attack-russia%2F"
  .. "&permalink=https%3A%2F%2Fnews.example%2F2024%2F03%2Fwhy-would-islamic-state-attack-russia%2F"
  .. "&comment_type=comment&comment_author=Margaret+Hill&comment_author_email=mhill%40example.org"
  .. "&comment_author_url=&comment_post_modified_gmt=2024-03-24T04%3A12%3A09Z&comment_date_gmt=2024-03-25T09%3A30%3A00Z"
  .. "&comment_content=Thank+you+for+this+clear+piece.+I+had+not+understood+how+the+Khorasan+branch+differs+from"
  .. "+the+group+in+Syria%2C+nor+why+Russia+would+be+a+target+now.+The+point+about+Central+Asian+recruits+and"
  .. "+the+long+memory+of+Chechnya+and+Afghanistan+was+new+to+me.+Do+you+think+the+Kremlin%27s+response+will"
  .. "+make+further+attacks+more+or+less+likely%3F+And+is+there+a+good+book+on+the+subject+you+would+recommend%3F"
  .. "&HTTP_ACCEPT=text%2Fhtml&HTTP_ACCEPT_LANGUAGE=en-GB%2Cen%3Bq%3D0.9"
LUA

url="http://127.0.0.1:$port/1.1/comment-check"
answer=$(curl -fsS -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
  --data "api_key=$key&blog=https://news.example&user_ip=203.0.113.57&comment_content=hello" "$url")
case "$answer" in
  true|false) ;;
  *) echo "comment-check answered '$answer', not true/false; is the API mounted? serve log:"; cat "$work/serve.log"; exit 1 ;;
esac

wrk -t2 -c64 -d2s -s "$work/check.lua" "$url" >/dev/null # warm up
wrk -t2 -c64 -d"$dur" --latency -s "$work/check.lua" "$url" | tee "$work/wrk.txt"
rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
echo "comment-check at saturation: $rps requests/s, p99 $p99"

# The same body at the target rate, measured open-loop: every request timed
# from when it was due, so a stall cannot hide by slowing the load.
go build -o "$work/rateload" ./bench/rateload
awk '/^wrk.body/,/HTTP_ACCEPT_LANGUAGE/' "$work/check.lua" | sed -e 's/^wrk.body = "//' -e 's/^  \.\. "//' -e 's/"$//' | tr -d '\n' >"$work/body.txt"
"$work/rateload" -url "$url" -body "$work/body.txt" -type 'application/x-www-form-urlencoded; charset=UTF-8' \
  -rate "${AKISMET_BENCH_RATE:-10000}" -c 64 -d "$dur"
echo "(target: >= 10000 requests/s with p99 <= 5ms)"
