#!/bin/sh
# Benchmarks the live loop over many services, without Docker or Prometheus: a fleet of N
# labelled services, each with its own qlearning agent learning online, safety chain, conditions
# and journal, reading its metrics through one shared query per field from a stand-in Prometheus
# on loopback, scaling an in-memory service, on 5 s periods. For each N it prints one CSV line:
#   loop_time_median_s, loop_time_max_s  from a period's start until the last service finished it
#   cpu_per_period_s                     the process' CPU time per period (the stand-in included)
#   heap_per_service_kib                 heap in use after GC, per service
#   queries_per_period                   queries sent to the stand-in Prometheus per period
# Targets: 1,000 services in under 1 s of loop time a period, under 1 MiB (1024 KiB) of heap a
# service, and the same queries per period for 10 and for 1,000 services.
#
#   scripts/bench-fleet.sh [--runs R] [--periods P] [--services N,N,...]
# Defaults: 3 runs, 6 periods each, services 10,100,1000.
set -eu
. "$(dirname "$0")/lib/args.sh"
answer_help "$@"
runs=3
periods=6
services=10,100,1000
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) [ $# -ge 2 ] || { echo "error: --runs needs a value; see $0 --help" >&2; exit 2; }
      require_number --runs "$2" 1; runs=$2; shift 2 ;;
    --periods) [ $# -ge 2 ] || { echo "error: --periods needs a value; see $0 --help" >&2; exit 2; }
      require_number --periods "$2" 1; periods=$2; shift 2 ;;
    --services) [ $# -ge 2 ] || { echo "error: --services needs a value; see $0 --help" >&2; exit 2; }
      case "$2" in
        '' | *[!0-9,]* | ,* | *, | *,,*) echo "error: --services must be whole numbers separated by commas, got '$2'; see $0 --help" >&2; exit 2 ;;
      esac
      services=$2; shift 2 ;;
    *) echo "error: unknown option '$1'; accepted: --runs R, --periods P, --services N,N,..., --help" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh

. ./scripts/lib/bench-classpath.sh
sizes=$(echo "$services" | tr ',' ' ')
echo "# scripts/bench-fleet.sh --runs $runs --periods $periods --services $services; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
run=1
while [ "$run" -le "$runs" ]; do
  echo "## run $run of $runs"
  # shellcheck disable=SC2086
  LOG_LEVEL=WARN "$JAVA_HOME/bin/java" -Xmx2g -cp "$cp" org.rlautoscaler.autoscaler.bench.FleetBench "$periods" $sizes
  run=$((run + 1))
done
