#!/bin/sh
# Benchmarks the web application against nginx serving the same JSON document, in one run.
#
#   scripts/bench-web.sh [seconds per measurement, default 15] [connections, default 32]
#
# Measures with wrk: requests/s and p99 latency of /json_endpoint, / and /test (the app) and
# of the same data.json served by nginx; then the time of one metrics scrape (one connection).
# Each target gets a warm-up run first (the JVM compiles its hot code). wrk, nginx and the
# server under test share this machine's cores, so compare ratios from one run, not figures
# from different machines. Prints a Markdown table for docs/benchmarks.md.
set -eu
. "$(dirname "$0")/lib/args.sh"
answer_help "$@"
refuse_options "SECONDS CONNECTIONS, --help" "$@"
[ $# -le 2 ] || { echo "error: at most two arguments (seconds, connections), got $#; see $0 --help" >&2; exit 2; }
duration="${1:-15}"
connections="${2:-32}"
require_number "seconds per measurement" "$duration" 1
require_number "connections" "$connections" 1
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh

threads=2
app_port=28082; metrics_port=28000; nginx_port=28080
work=$(mktemp -d)
chmod 755 "$work"   # nginx's workers run as an unprivileged user and must read the document
app_pid=""; nginx_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

for tool in wrk nginx curl; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    echo "error: $tool is not installed; run scripts/install-test-tools.sh bench (Debian, as root)" >&2
    exit 1
  fi
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

jar=web-application/target/web-application.jar
[ -f "$jar" ] || ./mvnw -q -B -DskipTests -pl web-application -am package

# The application, with its default 5 ms of CPU per /test.
PORT=$app_port METRICS_PORT=$metrics_port "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -jar "$jar" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$app_port/health" >/dev/null 2>&1 && break; sleep 0.2; done

# nginx serving byte for byte what the application serves.
mkdir -p "$work/html" "$work/logs"
curl -fs "http://127.0.0.1:$app_port/json_endpoint" >"$work/html/json_endpoint"
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/html;
    location = /json_endpoint { default_type application/json; }
  }
}
CONF
"$nginx_bin" -p "$work" -c "$work/nginx.conf" &
nginx_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$nginx_port/json_endpoint" >/dev/null 2>&1 && break; sleep 0.1; done
if ! curl -fs "http://127.0.0.1:$nginx_port/json_endpoint" | cmp -s - "$work/html/json_endpoint"; then
  echo "error: nginx does not serve the document the application serves; see $work/logs/error.log" >&2
  exit 1
fi

# wrk URL CONNECTIONS THREADS SECONDS -> "requests/s p99-ms"
measure() {
  wrk -t"$3" -c"$2" -d"$4"s --latency "$1" >"$work/wrk.out" 2>&1
  awk '
    /Requests\/sec:/ { rps = $2 }
    /^ +99%/ { v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v);
               ms = (unit == "us") ? v / 1000 : (unit == "s") ? v * 1000 : v; p99 = ms }
    / +50%/ { v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v);
               p50 = (unit == "us") ? v / 1000 : (unit == "s") ? v * 1000 : v }
    /Non-2xx/ { errors = $NF }
    END { printf "%.0f %.2f %.3f %s\n", rps, p99, p50, (errors == "" ? 0 : errors) }' "$work/wrk.out"
}

row() { # name URL
  set -- "$1" "$2" $(measure "$2" "$connections" "$threads" "$duration")
  printf '| %s | %s | %s | %s |\n' "$1" "$3" "$4" "$6"
  eval "rps_$(echo "$1" | tr -c 'a-z0-9\n' '_')=\"\${rps_$(echo "$1" | tr -c 'a-z0-9\n' '_'):-} $3\""
}

# Warm-up: the JVM compiles the hot paths of every route before anything is measured.
for path in /json_endpoint / /test /json_endpoint /; do
  measure "http://127.0.0.1:$app_port$path" "$connections" "$threads" 5 >/dev/null
done
measure "http://127.0.0.1:$nginx_port/json_endpoint" "$connections" "$threads" 3 >/dev/null

echo "wrk: $threads threads, $connections connections, ${duration}s per row after warm-up;" \
  "$(nproc) cores; $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo
echo "| target | requests/s | p99 latency (ms) | non-2xx |"
echo "|---|---:|---:|---:|"
# nginx and the application take turns, twice, so that drift on a shared machine hits both.
for round in 1 2; do
  row "nginx /json_endpoint" "http://127.0.0.1:$nginx_port/json_endpoint"
  row "app /json_endpoint" "http://127.0.0.1:$app_port/json_endpoint"
done
row "app /" "http://127.0.0.1:$app_port/"
row "app /test (5 ms CPU)" "http://127.0.0.1:$app_port/test"

set -- $(measure "http://127.0.0.1:$metrics_port/metrics" 1 1 "$duration")
echo
echo "Metrics scrape, one connection: $1 scrapes/s, p50 $3 ms, p99 $2 ms ($(curl -fs "http://127.0.0.1:$metrics_port/metrics" | wc -c) bytes)"
echo "Ratio app/nginx on /json_endpoint (sum of both rounds): $(echo "$rps_app__json_endpoint | $rps_nginx__json_endpoint" \
  | awk -F'|' '{ split($1, a, " "); split($2, n, " "); printf "%.2f", (a[1] + a[2]) / (n[1] + n[2]) }')"
