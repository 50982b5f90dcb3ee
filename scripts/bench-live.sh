#!/usr/bin/env bash
# The policies compared on the real stack: the same trace replayed live for each, measured from
# Prometheus, and set against what the simulated cluster predicts for the same load, model and policy.
#
# For each policy, one after another, from a clean state:
#   1. deploys the stack (docker-compose.yml) as stack $STACK, with replicas of --cpus cores each
#      (0.25: scaling matters on a 2-core host), at 1 replica, the autoscaler running the policy
#      greedily (a learning agent pre-trains on the service model first, on another trace);
#   2. replays the part of the trace through simulate-users (trace profile, open model, a fixed
#      seed, requests to /test), compressed so that --trace-hours of it take --minutes;
#   3. reads every control period back from Prometheus (compare-live record), and removes the stack
#      and its volumes.
# Then compare-live report runs the simulated cluster on the same replay and writes
# OUT/results-live.csv, a plot per policy (live-POLICY.png) and live-comparison.png, and prints the table.
#
#   scripts/bench-live.sh                                   qlearning, hpa, hpa-tuned on a day of Wikipedia, 10 min each
#   scripts/bench-live.sh --policies hpa,hpa-tuned --minutes 5 --out /tmp/live
#   scripts/bench-live.sh --trace my-trace.csv --trace-hours 2 --slo-p95-ms 200
#   scripts/bench-live.sh --help
#
# It needs a Swarm manager (scripts/install-test-tools.sh), the images (scripts/build-images.sh),
# host ports 9090 and 8002 free (the stack's Prometheus and autoscaler publish them), and a JDK 21+ (found as ./run finds it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

usage() {
  cat <<'EOF'
Usage: scripts/bench-live.sh [options]

Replays the same trace live on the stack for each policy and compares them, live against predicted.

  --policies LIST          policies, comma-separated (qlearning, hpa, hpa-tuned, swarm-cpu-ram,
                           latency-table, threshold, static); default qlearning,hpa,hpa-tuned
  --trace NAME|FILE        the replayed trace: wikipedia, nasa, teastore or a CSV t_seconds,requests;
                           default wikipedia
  --trace-start-hours H    where the replayed part starts in the trace; default 0
  --trace-hours H          how much of the trace is replayed; default 24 (a day)
  --minutes M              how long each policy's replay lasts; default 10
  --slo-p95-ms MS          the latency objective, p95 at or below this; default 100
  --cpus C                 CPU limit of a replica; default 0.25 (the model must be calibrated for it)
  --model FILE             the service model of such a replica (from calibrate);
                           default load-balancer/src/main/resources/models/web-application-0.25-cores.json
  --max-replicas N         most replicas; default 6
  --peak-replicas N        replicas the busiest bin needs at 85 % of their capacity; default 3
  --pretrain-trace NAME    where learning agents pre-train and hpa-tuned is tuned; default nasa
  --pretrain-episodes N    pre-training episodes of a learning agent; default 30000
  --learn                  learning agents also learn online during the replay (default: greedy)
  --seed N                 seed of the load generator's arrivals; default 1
  --out DIR                where the results go; default live
  --stack NAME             the stack's name; default rllive
  --keep                   leave the last stack deployed for a look (docker stack rm NAME to remove it)
  -h, --help               this help
EOF
}

policies=qlearning,hpa,hpa-tuned
trace=wikipedia
trace_start=0
trace_hours=24
minutes=10
slo=100
cpus=0.25
model=load-balancer/src/main/resources/models/web-application-0.25-cores.json
max_replicas=6
peak_replicas=3
pretrain_trace=nasa
pretrain_episodes=30000
mode=greedy
seed=1
out=live
STACK=rllive
keep=0

need_value() {
  [ $# -ge 2 ] && [ -n "$2" ] || { echo "error: $1 needs a value; see scripts/bench-live.sh --help" >&2; exit 2; }
  case "$2" in
    -*) echo "error: $1 needs a value, not the option '$2'; see scripts/bench-live.sh --help" >&2; exit 2 ;;
  esac
}
while [ $# -gt 0 ]; do
  case "$1" in
    --policies) need_value "$@"; policies=$2; shift 2 ;;
    --trace) need_value "$@"; trace=$2; shift 2 ;;
    --trace-start-hours) need_value "$@"; trace_start=$2; shift 2 ;;
    --trace-hours) need_value "$@"; trace_hours=$2; shift 2 ;;
    --minutes) need_value "$@"; minutes=$2; shift 2 ;;
    --slo-p95-ms) need_value "$@"; slo=$2; shift 2 ;;
    --cpus) need_value "$@"; cpus=$2; shift 2 ;;
    --model) need_value "$@"; model=$2; shift 2 ;;
    --max-replicas) need_value "$@"; max_replicas=$2; shift 2 ;;
    --peak-replicas) need_value "$@"; peak_replicas=$2; shift 2 ;;
    --pretrain-trace) need_value "$@"; pretrain_trace=$2; shift 2 ;;
    --pretrain-episodes) need_value "$@"; pretrain_episodes=$2; shift 2 ;;
    --learn) mode=learn; shift ;;
    --seed) need_value "$@"; seed=$2; shift 2 ;;
    --out) need_value "$@"; out=$2; shift 2 ;;
    --stack) need_value "$@"; STACK=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown option '$1'; accepted: see scripts/bench-live.sh --help" >&2; exit 2 ;;
  esac
done

die() { echo "error: $*" >&2; exit 2; }
log() { printf '[bench-live %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
. "$ROOT/scripts/lib/stack.sh"

case "$cpus" in ''|*[!0-9.]*) die "--cpus '$cpus' is not a number; accepted: a fraction of a core such as 0.25, or whole cores" ;; esac
case "$seed" in ''|*[!0-9]*) die "--seed '$seed' is not a whole number; accepted: 0 or more" ;; esac
case "$pretrain_episodes" in ''|*[!0-9]*) die "--pretrain-episodes '$pretrain_episodes' is not a whole number; accepted: 0 or more" ;; esac
case "$STACK" in ''|*[!a-z0-9_-]*) die "--stack '$STACK' is not a stack name; accepted: lower-case letters, digits, - and _" ;; esac
[ -f "$model" ] || die "--model '$model' is not a file; accepted: a model file written by calibrate"
model=$(cd "$(dirname "$model")" && pwd)/$(basename "$model")

stack_require_manager_and_images
users_help=$("$DOCKER" run --rm rl-autoscaler/simulate-users:latest --help 2>/dev/null || true)
case "$users_help" in
  *--start-delay-seconds*) ;;
  *) die "image rl-autoscaler/simulate-users:latest is older than this script (no --start-delay-seconds): run scripts/build-images.sh" ;;
esac
if [ -n "$("$DOCKER" stack ls --format '{{.Name}}' 2>/dev/null | grep -x "$STACK" || true)" ]; then
  die "a stack named $STACK is deployed already: remove it (docker stack rm $STACK) or give --stack another name"
fi
port_taken() { python3 -c 'import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("0.0.0.0", int(sys.argv[1])))' "$1" 2>/dev/null && return 1 || return 0; }
port_taken 9090 && die "host port 9090 is taken (the stack's Prometheus publishes it): stop what listens there (ss -ltnp 'sport = :9090')"
port_taken 8002 && die "host port 8002 is taken (the stack's autoscaler publishes its page there): stop what listens there (ss -ltnp 'sport = :8002')"

. ./scripts/find-jdk.sh
jar=load-balancer/target/load-balancer.jar
if [ ! -f "$jar" ]; then
  log "building $jar"
  ./mvnw -q -B -DskipTests -pl load-balancer -am package
fi
lb() { "$JAVA_HOME/bin/java" -jar "$jar" "$@"; }

mkdir -p "$out"
out=$(cd "$out" && pwd)
plan=$(lb compare-live plan --dir "$out" --trace "$trace" --trace-start-hours "$trace_start" --trace-hours "$trace_hours" \
  --minutes "$minutes" --model-file "$model" --max-replicas "$max_replicas" --peak-replicas "$peak_replicas" \
  --slo-p95-ms "$slo" --pretrain-trace "$pretrain_trace" --policies "$policies") || exit $?
eval "$plan"   # PEAK_USERS, TIME_SCALE, DURATION_SECONDS, PERIODS, CORES_PER_REPLICA
if [ "$(python3 -c "print(abs($CORES_PER_REPLICA - $cpus) < 1e-9)")" != True ]; then
  die "--cpus $cpus does not match the model's cores_per_replica $CORES_PER_REPLICA ($model): calibrate a replica of $cpus cores, or give --model"
fi

override=$(mktemp)
remove_stack() { stack_remove "$STACK"; }
cleanup() {
  rm -f "$override"
  if [ "$keep" != 1 ]; then
    remove_stack
  fi
}
trap cleanup EXIT
trap 'log "interrupted: removing stack $STACK"; exit 130' INT TERM

container_of() { stack_container "$STACK" "$1"; }
lb_status() {
  local cid; cid=$(container_of load-balancer)
  [ -n "$cid" ] && "$DOCKER" exec "$cid" timeout 5 wget -q -O - http://127.0.0.1:8002/api/status 2>/dev/null
}
running() { lb_status | grep -q '"phase":"running"'; }
desired() { "$DOCKER" service inspect --format '{{.Spec.Mode.Replicated.Replicas}}' "${STACK}_$1" 2>/dev/null; }
serving() { "$DOCKER" service ps --filter desired-state=running --format '{{.CurrentState}}' "${STACK}_application" 2>/dev/null | grep -c '^Running' || true; }
users_done() { "$DOCKER" service ps --format '{{.CurrentState}}' "${STACK}_simulate-users" 2>/dev/null | grep -q '^Complete'; }
wait_for() {  # wait_for SECONDS WHAT COMMAND...: runs COMMAND every 2 s until it succeeds
  local limit=$1 what=$2 start; shift 2; start=$(date +%s)
  until "$@"; do
    [ $(( $(date +%s) - start )) -ge "$limit" ] && { log "gave up after $limit s waiting for $what"; return 1; }
    sleep 2
  done
}

write_override() {  # write_override POLICY
  cat >"$override" <<EOF
version: "3.8"
services:
  application:
    environment:
      WORK_MS: "5"
    deploy:
      replicas: 1
      resources:
        limits:
          cpus: "$cpus"
  application-heavy:           # one service is measured: the other one, and its load, stay off
    deploy:
      replicas: 0
  simulate-users-heavy:
    deploy:
      replicas: 0
  load-balancer:
    environment:
      SERVICE_NAME: application   # this one service, with the settings below, whatever its labels
      AGENT: "$1"
      MODE: "$mode"
      EPSILON: "0"
      MIN_REPLICAS: "1"
      MAX_REPLICAS: "$max_replicas"
      PERIOD_SECONDS: "15"
      SLO_P95_MS: "$slo"
      MODEL_FILE: /models/model.json
      CORES_PER_REPLICA: "$cpus"
      PRETRAIN_TRACE: "$pretrain_trace"
      PRETRAIN_EPISODES: "$pretrain_episodes"
    configs:
      - source: live_model
        target: /models/model.json
  simulate-users:
    environment:
      PROFILE: trace
      TRACE_FILE: /trace.csv
      MODEL: open
      NUM_USERS: "0"
      PEAK_USERS: "$PEAK_USERS"
      REQUEST_INTERVAL: "1"
      INTERVAL: "0"
      TIME_SCALE: "$TIME_SCALE"
      DURATION_SECONDS: "$(( ${DURATION_SECONDS%.*} + 15 ))"
      SEED: "$seed"
      START_DELAY_SECONDS: "20"
      MIX: /test
      MAX_CONNECTIONS: "32"
    configs:
      - source: live_trace
        target: /trace.csv
    deploy:
      replicas: 0
      restart_policy:
        condition: none
configs:
  live_model:
    file: $model
  live_trace:
    file: $out/trace.csv
EOF
}

log "$policies on $trace (hours $trace_start to $(python3 -c "print($trace_start + $trace_hours)")), $minutes min each, $PEAK_USERS req/s at the peak, replicas of $cpus cores, 1 to $max_replicas"
remove_stack
IFS=',' read -r -a policy_list <<<"$policies"
for policy in "${policy_list[@]}"; do
  log "$policy: deploying stack $STACK"
  write_override "$policy"
  rm -rf "$out/weights-$policy"
  scripts/deploy-stack.sh -c "$override" "$STACK" >/dev/null
  wait_for 900 "the autoscaler's loop to run (pre-training included)" running \
    || die "the autoscaler of $policy did not start: docker service logs ${STACK}_load-balancer"
  wait_for 180 "1 replica serving" sh -c "[ \"\$($DOCKER service ps --filter desired-state=running --format '{{.CurrentState}}' ${STACK}_application | grep -c '^Running')\" -ge 1 ]" \
    || die "the application did not start: docker service ps ${STACK}_application"
  mkdir -p "$out/weights-$policy"
  "$DOCKER" run --rm -v "${STACK}_qsavedweights:/w:ro" -v "$out/weights-$policy:/out" rl-autoscaler/busybox:test \
    sh -c 'for f in /w/*.json; do [ -f "$f" ] && cp "$f" /out/; done; true'
  # The first replica warmed as the calibration's was (30 s at 10 req/s: the JIT compiles the request
  # path), then a few periods without load, so that every policy starts from one warm replica.
  "$DOCKER" run --rm --network "${STACK}_autoscaler" rl-autoscaler/simulate-users:latest --base-url http://application:8082 \
    --model open --num-users 10 --mix /test --duration-seconds 30 --metrics-port -1 --report-seconds 30 >/dev/null 2>&1 \
    || die "the warm-up load could not reach the application: docker service logs ${STACK}_application"
  sleep 20
  log "$policy: replaying $DURATION_SECONDS s of load (desired replicas now $(desired application))"
  "$DOCKER" service scale --detach "${STACK}_simulate-users=1" >/dev/null
  started=$(date +%s)
  while ! users_done; do
    elapsed=$(( $(date +%s) - started ))
    if [ "$elapsed" -gt $(( ${DURATION_SECONDS%.*} + 240 )) ]; then
      die "the load generator did not finish within $elapsed s: docker service logs ${STACK}_simulate-users"
    fi
    if [ $(( elapsed % 60 )) -lt 5 ]; then
      log "$policy: $(( elapsed * 100 / ${DURATION_SECONDS%.*} > 100 ? 100 : elapsed * 100 / ${DURATION_SECONDS%.*} )) %, desired $(desired application), running $(serving)"
    fi
    sleep 5
  done
  sleep 6  # the last scrape
  lb compare-live record --dir "$out" --policy "$policy" --prometheus-url http://localhost:9090
  "$DOCKER" service logs --raw "${STACK}_load-balancer" >"$out/load-balancer-$policy.log" 2>&1 || true
  "$DOCKER" service logs --raw "${STACK}_simulate-users" >"$out/simulate-users-$policy.log" 2>&1 || true
  "$DOCKER" service ps --no-trunc "${STACK}_application" >"$out/application-tasks-$policy.txt" 2>&1 || true
  if [ "$keep" = 1 ] && [ "$policy" = "${policy_list[-1]}" ]; then
    log "$policy: stack $STACK kept (--keep)"
  else
    remove_stack
  fi
done

lb compare-live report --dir "$out"
log "results in $out: results-live.csv, live-comparison.png, live-POLICY.png, periods-POLICY.csv, the services' logs"
