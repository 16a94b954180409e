#!/usr/bin/env bash
# Serves the demo article page from masthead and the same bytes from nginx
# (2 workers, sendfile, no access log) and loads both with wrk -t2 -c64 in
# one run, printing requests/s of each and their ratio.
# Usage: bench/article.sh [DURATION]   (default 10s)
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-10s}

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

CGO_ENABLED=0 go build -o "$work/masthead" ./cmd/masthead
db="sqlite:$work/bench.db"
path=$("$work/masthead" import feed internal/demo/conversation-sample.atom --db "$db" | head -1)
"$work/masthead" serve --db "$db" --addr 127.0.0.1:18080 >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -fsS -o /dev/null http://127.0.0.1:18080/healthz 2>/dev/null && break; sleep 0.1; done

mkdir -p "$work/www"
chmod a+rx "$work" "$work/www" # nginx workers run unprivileged
curl -fsS -o "$work/www/article.html" "http://127.0.0.1:18080$path"
chmod a+r "$work/www/article.html"
size=$(stat -c %s "$work/www/article.html")
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type text/html;
  server {
    listen 127.0.0.1:18081;
    root $work/www;
  }
}
CONF
"$nginx_bin" -c "$work/nginx.conf" -g 'daemon off;' &
pids+=($!)
sleep 0.5
curl -fsS -o /dev/null http://127.0.0.1:18081/article.html

rps() { wrk -t2 -c64 -d"$dur" "$1" | awk '/Requests\/sec/ {print $2}'; }
echo "page: $path ($size bytes)"
wrk -t2 -c64 -d2s "http://127.0.0.1:18080$path" >/dev/null # warm up
m=$(rps "http://127.0.0.1:18080$path")
n=$(rps "http://127.0.0.1:18081/article.html")
echo "masthead: $m requests/s"
echo "nginx:    $n requests/s"
awk -v m="$m" -v n="$n" 'BEGIN { printf "ratio:    %.2f (target >= 0.40)\n", m / n }'
