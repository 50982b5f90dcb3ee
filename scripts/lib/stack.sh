# What the scripts that deploy the stack on this Swarm node share (scripts/bench-live.sh,
# scripts/fault-run.sh); sourced, not run. Each function exits with status 2 and one line on
# standard error when the machine lacks what it needs.

DOCKER="${DOCKER:-$( [ -x /usr/bin/docker ] && echo /usr/bin/docker || echo docker )}"

# A Swarm manager, the stack's four images and the busybox image the scripts use for volumes.
stack_require_manager_and_images() {
  "$DOCKER" info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}' 2>/dev/null | grep -q '^active true$' \
    || { echo "error: no Swarm manager here: run scripts/install-test-tools.sh (or docker swarm init) first" >&2; exit 2; }
  local image
  for image in application load-balancer simulate-users prometheus; do
    "$DOCKER" image inspect "rl-autoscaler/$image:latest" >/dev/null 2>&1 \
      || { echo "error: image rl-autoscaler/$image:latest is missing: run scripts/build-images.sh first" >&2; exit 2; }
  done
  "$DOCKER" image inspect rl-autoscaler/busybox:test >/dev/null 2>&1 \
    || { echo "error: image rl-autoscaler/busybox:test is missing: run scripts/install-test-tools.sh first" >&2; exit 2; }
}

# Removes stack $1, waits for its containers to go, then removes its volumes (plots, qsavedweights).
stack_remove() {
  local stack=$1
  "$DOCKER" stack rm "$stack" >/dev/null 2>&1 || true
  for _ in $(seq 90); do
    [ -z "$("$DOCKER" ps -aq --filter "label=com.docker.stack.namespace=$stack")" ] && break
    sleep 1
  done
  for _ in $(seq 30); do
    "$DOCKER" volume rm "${stack}_plots" "${stack}_qsavedweights" >/dev/null 2>&1 || true
    [ -z "$("$DOCKER" volume ls -q --filter "name=${stack}_")" ] && break
    sleep 1
  done
}

# The running container of service $2 of stack $1 (empty when there is none).
stack_container() {
  "$DOCKER" ps -q --filter "label=com.docker.swarm.service.name=${1}_$2" --filter status=running | head -n 1
}
