#!/usr/bin/env bash
# Deploys the stack on this Swarm node and breaks it on purpose, one fault after another, while
# the autoscaler runs; prints, per fault, what was tried, what the autoscaler survived and what
# was lost, with the seconds it took to say it was not ready and to be ready again.
#
#   scripts/fault-run.sh                 the whole run (about 15 minutes with the default 10 kills)
#   KILLS=80 scripts/fault-run.sh        kill -9 the autoscaler 80 times
#   STACK=myfaults scripts/fault-run.sh  another stack name (default rlfault)
#   KEEP=1 scripts/fault-run.sh          leave the stack and its volumes for a look afterwards
#
# Faults, in order:
#   1. Prometheus hung (its container paused for 60 s): /ready goes 503, then 200 again;
#   2. Prometheus killed (its container, kill -9; Swarm starts another): the loop reads again;
#   3. the application scaled by hand above MAX_REPLICAS: brought back to it at once, logged as applied;
#   4. someone else scales the application 20 times in a row: the loop carries on;
#   5. the application's service removed, then deployed again: not ready, then ready;
#   6. the application saturated for 90 s: no replica killed by its health check;
#   7. the autoscaler killed with kill -9, KILLS times: its Q-table parses and is resumed each time.
# It needs the images (scripts/build-images.sh) and a Swarm manager; results go to
# target/fault-run/ (the table, the autoscaler's log, its last /api/status).
set -euo pipefail
. "$(dirname "$0")/lib/args.sh"
answer_help "$@"
[ $# -eq 0 ] || { echo "error: no arguments are taken (settings are variables: KILLS, STACK, KEEP), got '$*'; see $0 --help" >&2; exit 2; }
cd "$(dirname "$0")/.."
ROOT=$(pwd)

STACK="${STACK:-rlfault}"
KILLS="${KILLS:-10}"
. "$ROOT/scripts/lib/stack.sh"
OUT="$ROOT/target/fault-run"
mkdir -p "$OUT"

die() { echo "error: $*" >&2; exit 1; }
log() { printf '[fault-run %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

stack_require_manager_and_images

override=$(mktemp)
remove_stack() { stack_remove "$STACK"; }
cleanup() {
  rm -f "$override"
  if [ "${KEEP:-0}" != 1 ]; then
    remove_stack
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Short periods so that each fault shows in seconds.
cat >"$override" <<'EOF'
version: "3.8"
services:
  application-heavy:           # the faults are shown on one service: the other one, and its load, stay off
    deploy:
      replicas: 0
  simulate-users-heavy:
    deploy:
      replicas: 0
  load-balancer:
    environment:
      SERVICE_NAME: application
      PERIOD_SECONDS: "5"
      MAX_REPLICAS: "3"
      MAX_STEP: "1"
      COOLDOWN_SECONDS: "10"
      STABILIZATION_SECONDS: "20"
      MAX_TIME_MINUTES: "1"
      UNREADY_AFTER_PERIODS: "3"
EOF

deploy() {
  scripts/deploy-stack.sh -c "$override" "$STACK" >/dev/null
}

container_of() { stack_container "$STACK" "$1"; }  # the running container of a service of the stack
lb_get() {  # GET a path of the autoscaler's port, from inside its container (busybox wget)
  local cid; cid=$(container_of load-balancer)
  [ -n "$cid" ] && "$DOCKER" exec "$cid" timeout 5 wget -q -O - "http://127.0.0.1:8002$1" 2>/dev/null
}
is_ready() { lb_get /api/status | grep -q '"ready":true'; }
not_ready() { lb_get /api/status | grep -q '"ready":false,"phase":"running"'; }
desired() { "$DOCKER" service inspect --format '{{.Spec.Mode.Replicated.Replicas}}' "${STACK}_application" 2>/dev/null; }
desired_is() { [ "$(desired)" = "$1" ]; }
# Seconds until "$@" succeeds, checked every second; fails after $1 seconds.
wait_until() {
  local limit=$1 start; shift; start=$(date +%s)
  until "$@"; do
    [ $(( $(date +%s) - start )) -ge "$limit" ] && return 1
    sleep 1
  done
  echo $(( $(date +%s) - start ))
}
# The services log to standard error, which `docker service logs` gives on its standard error.
balancer_log() { "$DOCKER" service logs --raw "${STACK}_load-balancer" 2>&1; }

results=()
record() { results+=("$1|$2|$3|$4|$5"); log "$1: tried $2, survived $3, lost $4 ($5)"; }

log "deploying stack $STACK"
remove_stack  # a fresh start: no Q-table of an earlier run
deploy
t=$(wait_until 600 is_ready) || die "the autoscaler was not ready within 600 s; see: docker service logs ${STACK}_load-balancer"
log "ready ${t} s after the deploy (pre-training included)"
balancer_started=$(container_of load-balancer)

# 1. Prometheus hung
prom=$(container_of prometheus)
"$DOCKER" pause "$prom" >/dev/null
down=$(wait_until 120 not_ready) || down=""
status=$(lb_get /api/status || true)
sleep $(( 60 - ${down:-60} > 0 ? 60 - ${down:-60} : 0 ))
"$DOCKER" unpause "$prom" >/dev/null
up=$(wait_until 180 is_ready) || up=""
if [ -n "$down" ] && [ -n "$up" ] && echo "$status" | grep -q '"ScalingActive","status":"False","reason":"FailedGetMetrics"'; then
  record "Prometheus hung 60 s" 1 1 0 "not ready after ${down} s, ScalingActive=False FailedGetMetrics; ready ${up} s after it answered"
else
  record "Prometheus hung 60 s" 1 0 0 "not ready after '${down}' s, ready again after '${up}' s; status: ${status:0:300}"
fi

# 2. Prometheus killed
"$DOCKER" kill -s KILL "$(container_of prometheus)" >/dev/null
sleep 10
up=$(wait_until 240 is_ready) || up=""
if [ -n "$up" ]; then
  record "Prometheus killed (kill -9)" 1 1 0 "ready again $(( up + 10 )) s after the kill, on the new Prometheus"
else
  record "Prometheus killed (kill -9)" 1 0 0 "not ready within 250 s"
fi

# 3. Scaled by hand above MAX_REPLICAS (3)
"$DOCKER" service scale --detach "${STACK}_application=6" >/dev/null 2>&1
back=$(wait_until 120 desired_is 3) || back=""
if [ -n "$back" ] && balancer_log | grep -q 'safety: above_max (the service asks for 6 replicas'; then
  record "scaled by hand to 6 (MAX_REPLICAS 3)" 1 1 0 "back to 3 in ${back} s, logged as above_max, applied 3"
else
  record "scaled by hand to 6 (MAX_REPLICAS 3)" 1 0 0 "desired $(desired) after 120 s"
fi

# 4. Someone else scales 20 times
for i in $(seq 20); do
  "$DOCKER" service scale --detach "${STACK}_application=$(( 1 + RANDOM % 3 ))" >/dev/null 2>&1 || true
done
sleep 20
conflicts=$(lb_get /metrics | awk '/^autoscaler_scaling_errors_total\{kind="conflict",service="[^"]*"\}/ {print $2}')
if is_ready; then
  record "20 scalings by someone else" 20 20 0 "still ready; conflicts given up on: ${conflicts:-0}"
else
  record "20 scalings by someone else" 20 0 0 "not ready after the scalings"
fi

# 5. Service removed, then deployed again
"$DOCKER" service rm "${STACK}_application" >/dev/null
down=$(wait_until 120 not_ready) || down=""
status=$(lb_get /api/status || true)
deploy
up=$(wait_until 240 is_ready) || up=""
if [ -n "$down" ] && [ -n "$up" ] && echo "$status" | grep -q '"AbleToScale","status":"False","reason":"FailedGetScale"'; then
  record "application service removed, redeployed" 1 1 0 "not ready after ${down} s (AbleToScale=False FailedGetScale), ready ${up} s after the redeploy"
else
  record "application service removed, redeployed" 1 0 0 "not ready after '${down}' s, ready after '${up}' s; status: ${status:0:300}"
fi

# 6. Saturation: many users on /test for 90 s
killed_before=$("$DOCKER" service ps --no-trunc --format '{{.Error}}' "${STACK}_application" | grep -c -i 'unhealthy' || true)
"$DOCKER" service update --detach --env-add NUM_USERS=600 --env-add REQUEST_INTERVAL=0.1 --env-add MIX=/test \
  "${STACK}_simulate-users" >/dev/null
sleep 90
killed_after=$("$DOCKER" service ps --no-trunc --format '{{.Error}}' "${STACK}_application" | grep -c -i 'unhealthy' || true)
"$DOCKER" service update --detach --env-rm NUM_USERS --env-rm REQUEST_INTERVAL --env-rm MIX "${STACK}_simulate-users" >/dev/null
killed=$(( killed_after - killed_before ))
record "application saturated 90 s" 1 $(( killed == 0 ? 1 : 0 )) "$killed" "replicas killed as unhealthy: $killed; desired at the end $(desired)"

# 7. kill -9 the autoscaler
resumed=0; lost=0
for i in $(seq "$KILLS"); do
  cid=$(container_of load-balancer)
  sleep $(( 1 + RANDOM % 6 ))
  "$DOCKER" kill -s KILL "$cid" >/dev/null 2>&1 || true
  wait_until 180 sh -c "[ -n \"\$($DOCKER ps -q --filter label=com.docker.swarm.service.name=${STACK}_load-balancer --filter status=running | grep -v $cid)\" ]" >/dev/null || true
  table_ok=0
  "$DOCKER" run --rm -v "${STACK}_qsavedweights:/w" rl-autoscaler/busybox:test cat /w/qlearning-qtable.json 2>/dev/null \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["agent"]=="qlearning" and d["updates"]>=0' 2>/dev/null && table_ok=1
  if [ "$table_ok" = 1 ] && wait_until 180 is_ready >/dev/null; then
    resumed=$(( resumed + 1 ))
  else
    lost=$(( lost + 1 ))
    log "kill $i: table parses: $table_ok; ready: no"
  fi
done
starts=$(balancer_log | grep -c 'Starting from the saved' || true)
tasks=$("$DOCKER" service ps -q "${STACK}_load-balancer" | wc -l)
record "autoscaler kill -9" "$KILLS" "$resumed" "$lost" "Q-table parsed and agent ready after each; 'Starting from the saved' in $starts of the $tasks task logs Swarm keeps"

lb_get /api/status >"$OUT/status.json" || true
balancer_log >"$OUT/load-balancer.log" || true
errors=$(grep -c ' ERROR ' "$OUT/load-balancer.log" || true)
{
  echo "fault run of stack $STACK on $(hostname), $(date -u +%Y-%m-%dT%H:%M:%SZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-42s %6s %9s %5s  %s\n' fault tried survived lost detail
  for r in "${results[@]}"; do
    IFS='|' read -r name tried survived lostn detail <<<"$r"
    printf '%-42s %6s %9s %5s  %s\n' "$name" "$tried" "$survived" "$lostn" "$detail"
  done
  echo "autoscaler log: $errors ERROR lines"
} | tee "$OUT/results.txt"
