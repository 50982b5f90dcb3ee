#!/bin/bash
# Benchmarks the autoscaler's HTTP port under abuse, on `watch` (the same server as `run`, no
# Docker needed), over loopback only:
#   1. 200 slow clients hold half-sent requests ("GET /health HTTP/1.1\r\nHost: x\r\n", nothing
#      more) while /health is asked RUNS times: its time to first byte (median, max);
#   2. a burst of 300 connections at once to /metrics and /health: how many were answered 200,
#      and /health's time to first byte during the burst.
#
#   scripts/bench-server.sh [--runs N] [--port PORT] [--jar FILE]
# --jar: an autoscaler jar to measure instead of this checkout's (built when not given).
set -eu
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
jar=
runs=20
port=18092
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --runs | --port)
      if [ $# -lt 2 ] || ! [ "$2" -eq "$2" ] 2>/dev/null || [ "$2" -lt 1 ]; then
        echo "error: $1 needs a whole number of at least 1, got '${2-}'" >&2; exit 2
      fi
      if [ "$1" = --runs ]; then runs=$2; else port=$2; fi
      shift 2 ;;
    --jar)
      if [ $# -lt 2 ] || [ ! -f "$2" ]; then echo "error: --jar needs an existing jar file, got '${2-}'" >&2; exit 2; fi
      jar=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
      shift 2 ;;
    *) echo "error: unknown option '$1'; accepted: --runs N, --port PORT, --jar FILE, --help" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh
command -v curl >/dev/null || { echo "error: bench-server.sh needs curl" >&2; exit 2; }

if [ -z "$jar" ]; then
  ./mvnw -q -B -DskipTests -pl load-balancer -am package
  jar=load-balancer/target/load-balancer.jar
fi
log=$(mktemp)
"$JAVA_HOME/bin/java" -jar "$jar" watch --agent hpa --port "$port" >"$log" 2>&1 &
watch_pid=$!
trap 'kill $watch_pid 2>/dev/null; wait $watch_pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break
  sleep 1
done
url="http://127.0.0.1:$port"

stats() { # median and max of the answered times on standard input (0: no answer within 30 s), in milliseconds
  sort -n | awk '$1 == 0 { missed++; next } { v[++n] = $1 * 1000 }
    END { if (n == 0) { printf "no answer in %d runs (30 s each)\n", missed; exit }
          m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2;
          printf "median %.1f ms, max %.1f ms, %d runs answered, %d not within 30 s\n", m, v[n], n, missed }'
}
ttfb() { curl -s -o /dev/null --max-time 30 -w '%{time_starttransfer}\n' "$url/health" || true; }

echo "## /health while 200 slow clients hold half-sent requests"
fds=()
for _ in $(seq 200); do
  exec {fd}<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET /health HTTP/1.1\r\nHost: x\r\n' >&"$fd"
  fds+=("$fd")
done
for _ in $(seq "$runs"); do ttfb; done | stats
for fd in "${fds[@]}"; do exec {fd}>&-; done

echo "## a burst of 300 connections at once (/metrics and /health, alternately)"
codes=$(mktemp)
for i in $(seq 300); do
  if [ $((i % 2)) -eq 0 ]; then path=/metrics; else path=/health; fi
  { curl -s -o /dev/null --max-time 30 -w '%{http_code}\n' "$url$path" || true; } >>"$codes" &
done
for _ in $(seq "$runs"); do ttfb; done | stats | sed 's/^/\/health during the burst: /'
wait $(jobs -p | grep -v "^$watch_pid$") 2>/dev/null || true
echo "answered 200: $(grep -c '^200$' "$codes") of 300; others: $(grep -vc '^200$' "$codes")"
rm -f "$codes"
