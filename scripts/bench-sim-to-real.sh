#!/bin/sh
# Does the simulated cluster predict the real service? In one run:
#   1. starts one instance of the real web application (WORK_MS=5), pinned to one core with
#      taskset where the machine has two or more (a one-core replica), on free local ports;
#   2. calibrates it (`calibrate`: an open-model ramp from 10 % of its capacity up), writing the model;
#   3. measures it at levels the fit never saw (15, 35, 55 and 75 % of the fitted capacity by default)
#      and prints, per level, the measured and predicted mean latency, p95 latency and CPU, then
#      the line `sim-to-real: p95 median relative error X %, CPU median relative error Y %, N levels`.
#
#   scripts/bench-sim-to-real.sh [OUT_DIR]            (default: a temporary directory)
#   CHECK_UTILISATIONS=0.15,0.35,0.55,0.75 LEVEL_SECONDS=20 WORK_MS=5 scripts/bench-sim-to-real.sh
set -eu
. "$(dirname "$0")/lib/args.sh"
answer_help "$@"
refuse_options "OUT_DIR, --help" "$@"
[ $# -le 1 ] || { echo "error: at most one argument (OUT_DIR), got $#; see $0 --help" >&2; exit 2; }
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh

work_ms="${WORK_MS:-5}"
check="${CHECK_UTILISATIONS:-0.15,0.35,0.55,0.75}"
level_seconds="${LEVEL_SECONDS:-20}"
out="${1:-}"
if [ -z "$out" ]; then
  out=$(mktemp -d)
fi
mkdir -p "$out"

./mvnw -q -B -DskipTests -pl web-application,load-balancer -am package
java="$JAVA_HOME/bin/java"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
port=$(free_port)
metrics_port=$(free_port)

app_cpu=""
load_cpu=""
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  app_cpu="taskset -c 0"
  load_cpu="taskset -c 1-$(($(nproc) - 1))"
fi

$app_cpu "$java" --enable-native-access=ALL-UNNAMED -jar web-application/target/web-application.jar \
  --port "$port" --metrics-port "$metrics_port" --work-ms "$work_ms" >"$out/web-application.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 120); do
  curl -fs "http://localhost:$port/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://localhost:$port/health" >/dev/null || { echo "the web application did not start; see $out/web-application.log" >&2; exit 1; }

echo "## calibrate (one instance, WORK_MS=$work_ms${app_cpu:+, pinned to one core}; load $(cat /proc/loadavg 2>/dev/null | cut -d' ' -f1-3))"
$load_cpu "$java" -jar load-balancer/target/load-balancer.jar calibrate \
  --url "http://localhost:$port/test" --metrics-url "http://localhost:$metrics_port/metrics" \
  --level-seconds "$level_seconds" --out "$out/model.json" 2>"$out/calibrate.err" \
  --note "web-application WORK_MS=$work_ms, one instance${app_cpu:+ pinned to one core ($app_cpu)}, by scripts/bench-sim-to-real.sh"
echo
echo "## predicted against measured at levels the fit never saw ($check of the fitted capacity)"
$load_cpu "$java" -jar load-balancer/target/load-balancer.jar calibrate \
  --url "http://localhost:$port/test" --metrics-url "http://localhost:$metrics_port/metrics" \
  --level-seconds "$level_seconds" --check "$out/model.json" --check-utilisations "$check" 2>"$out/check.err"
