#!/usr/bin/env bash
# Deploys (or redeploys) the stack on this Swarm node, with each Swarm config named by its content,
# so that a redeploy after editing prometheus/*.yml or grafana/ rolls the services that use the
# file onto the new version instead of failing with "only updates to Labels are allowed".
#
#   scripts/deploy-stack.sh mystack                       docker-compose.yml
#   GRAFANA_ADMIN_PASSWORD=... scripts/deploy-stack.sh --grafana mystack
#                                                         and docker-compose.grafana.yml
#   scripts/deploy-stack.sh -c my-override.yml mystack    and an override file of yours (any number
#                                                         of -c, merged after the stack's files)
#   scripts/deploy-stack.sh --help
#
# Each config of the stack files gets the name <stack>_<config>_<first 12 hex digits of the
# file's SHA-256>, passed to the stack files in the variable <CONFIG>_NAME (docker-compose.yml:
# `name: ${PROMETHEUS_CONFIG_NAME:-}`; a plain `docker stack deploy` leaves them empty, and Swarm
# names the config <stack>_<config> as before). After the deploy, this stack's configs that no
# service uses any more are removed; `docker stack rm` removes the rest.
#
# Environment: the stack files' own variables (PROMETHEUS_PORT, AUTOSCALER_PORT, GRAFANA_PORT,
# GRAFANA_ADMIN_PASSWORD) pass through; DOCKER, the docker client. Images are not resolved on a
# registry (--resolve-image never): the stack's images are built locally (scripts/build-images.sh).
# Exits 2 with one line on a bad argument or a missing file, non-zero when the deploy fails.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCKER="${DOCKER:-$( [ -x /usr/bin/docker ] && echo /usr/bin/docker || echo docker )}"

# config key, variable, file: the configs of docker-compose.yml, then those of docker-compose.grafana.yml.
STACK_CONFIGS="prometheus_config PROMETHEUS_CONFIG_NAME prometheus/prometheus.yml
prometheus_rules PROMETHEUS_RULES_NAME prometheus/rules.yml"
GRAFANA_CONFIGS="grafana_datasource GRAFANA_DATASOURCE_NAME grafana/provisioning/datasources/prometheus.yml
grafana_dashboard_provider GRAFANA_DASHBOARD_PROVIDER_NAME grafana/provisioning/dashboards/dashboards.yml
grafana_dashboard GRAFANA_DASHBOARD_NAME grafana/dashboards/rl-autoscaler.json"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
refuse() { echo "error: $*" >&2; exit 2; }

grafana=false
files=(-c docker-compose.yml)
overrides=()
stack=""
while [ $# -gt 0 ]; do
  case "$1" in
    --grafana) grafana=true ;;
    -c | --compose-file)
      [ $# -ge 2 ] || refuse "$1 needs a file"
      [ -f "$2" ] || refuse "compose file '$2' (-c) does not exist"
      overrides+=(-c "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")")
      shift ;;
    -h | --help) usage; exit 0 ;;
    -*) refuse "unknown option '$1'; accepted: --grafana, -c FILE, --help" ;;
    *)
      [ -z "$stack" ] || refuse "one stack name expected, got '$stack' and '$1'"
      stack=$1 ;;
  esac
  shift
done
[ -n "$stack" ] || refuse "the stack name is missing: scripts/deploy-stack.sh [--grafana] [-c FILE]... STACK"
# Swarm takes letters, digits, '_', '-' and '.' in object names, 64 characters at most; the
# longest config name adds 40 to the stack's.
[[ "$stack" =~ ^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,23}$ ]] \
  || refuse "stack name '$stack': accepted are 1 to 24 letters, digits, '_', '-' or '.', starting with a letter or digit"

configs=$STACK_CONFIGS
if $grafana; then
  files+=(-c docker-compose.grafana.yml)
  configs="$configs
$GRAFANA_CONFIGS"
fi

names=""
while read -r key variable file; do
  [ -f "$file" ] || refuse "$file (config $key) is missing"
  name="${stack}_${key}_$(sha256sum "$file" | cut -c1-12)"
  export "$variable=$name"
  names="$names $name"
done <<<"$configs"

"$DOCKER" stack deploy --resolve-image never "${files[@]}" "${overrides[@]}" "$stack"

# The configs of this stack that the deploy replaced: removed unless a service still uses them
# (the daemon refuses those, and a later deploy or `docker stack rm` removes them).
removed=0
kept=0
for old in $("$DOCKER" config ls --filter "label=com.docker.stack.namespace=$stack" --format '{{.Name}}'); do
  case " $names " in *" $old "*) continue ;; esac
  case "$old" in "${stack}_prometheus_"* | "${stack}_grafana_"*) ;; *) continue ;; esac
  if "$DOCKER" config rm "$old" >/dev/null 2>&1; then removed=$((removed + 1)); else kept=$((kept + 1)); fi
done
echo "Stack $stack deployed; configs by content:$names; older configs removed: $removed, still in use: $kept"
