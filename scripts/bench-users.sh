#!/bin/sh
# Benchmarks the user simulator against nginx serving a small file, in one run:
#   1. the highest request rate wrk gets from nginx, and the highest the simulator gets
#      (closed model, 64 users with no pause: each sends as fast as answers come);
#   2. 10,000 users at 1 request/s each: the rate held, and the simulator's heap and resident
#      memory at that load;
#   3. the open model at 1,000 requests/s (Poisson arrivals): the rate held.
# The rates the simulator holds are measured here, not in its tests: a test on a loaded machine
# would measure the machine.
#
#   scripts/bench-users.sh [seconds per measurement, default 30]
set -eu
. "$(dirname "$0")/lib/args.sh"
answer_help "$@"
refuse_options "SECONDS, --help" "$@"
[ $# -le 1 ] || { echo "error: at most one argument (seconds per measurement), got $#; see $0 --help" >&2; exit 2; }
duration="${1:-30}"
require_number "seconds per measurement" "$duration" 1
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh

nginx_port=28090; metrics_port=28091
work=$(mktemp -d); chmod 755 "$work"
nginx_pid=""; sim_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

for tool in wrk curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is not installed; run scripts/install-test-tools.sh bench" >&2; exit 1; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "error: nginx is not installed; run scripts/install-test-tools.sh bench" >&2; exit 1; }

jar=simulate-users/target/simulate-users.jar
[ -f "$jar" ] || ./mvnw -q -B -DskipTests -pl simulate-users -am package

mkdir -p "$work/html" "$work/logs"
printf '{"ok":true}\n' >"$work/html/small"
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 20000; }
http {
  access_log off;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$nginx_port backlog=4096; root $work/html; }
}
CONF
"$nginx_bin" -p "$work" -c "$work/nginx.conf" &
nginx_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$nginx_port/small" >/dev/null 2>&1 && break; sleep 0.1; done
url="http://127.0.0.1:$nginx_port"

simulate() { # log-file, then simulator flags
  log=$1; shift
  "$JAVA_HOME/bin/java" -jar "$jar" --base-url "$url" --mix /small --metrics-port "$metrics_port" \
    --report-seconds 5 --interval 0 "$@" >"$log" 2>&1 &
  sim_pid=$!
}

echo "$(nproc) cores; nginx (1 worker) serves a 12-byte file; $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo

# 1. Highest rate: wrk, then the simulator, against the same nginx.
wrk -t2 -c64 -d5s "$url/small" >/dev/null
wrk_rps=$(wrk -t2 -c64 -d"${duration}"s "$url/small" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
simulate "$work/max.log" --num-users 64 --request-interval 0.001 --duration-seconds "$((duration + 15))"
wait "$sim_pid"; sim_pid=""
# Rate of the report lines after the first 15 s (JIT warm-up).
sim_rps=$(awk -F'rate=' '/rate=/ { split($0, t, "t="); split(t[2], s, "s"); if (s[1] + 0 > 15) { split($2, r, "/"); sum += r[1]; n++ } }
  END { printf "%.0f", sum / n }' "$work/max.log")
echo "| highest rate | requests/s |"
echo "|---|---:|"
echo "| wrk, 2 threads, 64 connections | $wrk_rps |"
echo "| simulate-users, 64 users without pause | $sim_rps |"
echo "| ratio simulator / wrk | $(awk -v s="$sim_rps" -v w="$wrk_rps" 'BEGIN { printf "%.2f", s / w }') |"
echo

# 2. 10,000 users at one request a second each.
simulate "$work/10k.log" --num-users 10000 --request-interval 1 --duration-seconds "$((duration + 15))"
sleep "$((duration + 5))"
metrics=$(curl -fs "http://127.0.0.1:$metrics_port/metrics")
wait "$sim_pid"; sim_pid=""
heap=$(echo "$metrics" | awk '/^jvm_memory_used_bytes\{area="heap"\}/ { printf "%.0f", $2 / 1048576 }')
rss=$(echo "$metrics" | awk '/^process_resident_memory_bytes / { printf "%.0f", $2 / 1048576 }')
users_rps=$(awk -F'rate=' '/rate=/ { split($0, t, "t="); split(t[2], s, "s"); if (s[1] + 0 > 15) { split($2, r, "/"); sum += r[1]; n++; if (min == "" || r[1] < min) min = r[1]; if (r[1] > max) max = r[1] } }
  END { printf "%.0f (5 s intervals from %.0f to %.0f)", sum / n, min, max }' "$work/10k.log")
p99=$(awk -F'p99=' '/p99=/ { split($2, r, " "); last = r[1] } END { print last }' "$work/10k.log")
echo "| 10,000 users, 1 request/s each | figure |"
echo "|---|---:|"
echo "| requests/s held after the first 15 s | $users_rps |"
echo "| latency p99 (last interval) | $p99 |"
echo "| heap used | $heap MiB |"
echo "| resident memory | $rss MiB |"
grep "Summary" "$work/10k.log" | sed 's/.*Summary/Summary/'
echo

# 3. The open model: 1,000 independent arrivals a second.
simulate "$work/open.log" --model open --num-users 1000 --request-interval 1 --duration-seconds "$((duration + 15))"
wait "$sim_pid"; sim_pid=""
open_rps=$(awk -F'rate=' '/rate=/ { split($0, t, "t="); split(t[2], s, "s"); if (s[1] + 0 > 15) { split($2, r, "/"); sum += r[1]; n++; if (min == "" || r[1] < min) min = r[1]; if (r[1] > max) max = r[1] } }
  END { printf "%.0f (5 s intervals from %.0f to %.0f)", sum / n, min, max }' "$work/open.log")
echo "| open model, 1,000 requests/s offered (Poisson) | figure |"
echo "|---|---:|"
echo "| requests/s held after the first 15 s | $open_rps |"
grep "Summary" "$work/open.log" | sed 's/.*Summary/Summary/'
