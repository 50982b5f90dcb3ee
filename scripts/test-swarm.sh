#!/bin/bash
# A Docker Swarm of several nodes on this one machine, for tests: each node a dockerd in a network
# namespace of its own, all on one bridge (in a "switch" namespace of its own, since the host's
# firewall drops traffic forwarded between namespaces on a bridge of the root namespace), joined
# with docker swarm join; the images given loaded into every node (docker save | docker load:
# there is no registry). The host reaches the nodes at 10.77.0.1, .2, ... (its own end of the
# bridge is 10.77.0.254); each node's engine listens on a socket under the state directory, and,
# for its containers, on /var/run/docker.sock in its own /run (a stack file's bind mount of the
# socket reaches that node's engine, never the host's).
#
#   scripts/test-swarm.sh up [--nodes N] [--images "IMAGE ..."]   N from 2 to 9 (3): node 1 manages
#   scripts/test-swarm.sh env                                       DOCKER_HOST=... of the manager
#   scripts/test-swarm.sh kill-node I                               kill -9 of node I's engine (a node lost)
#   scripts/test-swarm.sh start-node I                              node I's engine again, what it left killed
#   scripts/test-swarm.sh down                                      removes all of it
#
# `down` leaves no namespace, bridge, mount, cgroup or process behind, also after an `up` that
# failed half-way (`up` runs it first, and again when it fails). Needs root, `ip netns`, `unshare`
# and `dockerd` (scripts/install-test-tools.sh installs docker.io): when one is missing it says
# which in one line and exits 2. State: /var/lib/rl-autoscaler-test-swarm (RL_TEST_SWARM_DIR).
set -euo pipefail
. "$(dirname "$0")/lib/args.sh"
answer_help "$@"

STATE=${RL_TEST_SWARM_DIR:-/var/lib/rl-autoscaler-test-swarm}
PREFIX=rlts
SUBNET=10.77.0
HOST_IP=$SUBNET.254
say() { echo "test-swarm: $*" >&2; }
die() { say "$*"; exit 1; }

command=${1-}
[ $# -gt 0 ] && shift
node=
case "$command" in
  kill-node | start-node)
    [ $# -ge 1 ] || { echo "error: $command needs a node number; see $0 --help" >&2; exit 2; }
    require_number "the node" "$1" 1
    node=$1; shift ;;
esac
nodes=3
images=""
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) [ $# -ge 2 ] || { echo "error: --nodes needs a value; see $0 --help" >&2; exit 2; }
      require_number --nodes "$2" 2
      [ "$2" -le 9 ] || { echo "error: --nodes must be from 2 to 9, got '$2'; see $0 --help" >&2; exit 2; }
      nodes=$2; shift 2 ;;
    --images) [ $# -ge 2 ] || { echo "error: --images needs a value; see $0 --help" >&2; exit 2; }
      images=$2; shift 2 ;;
    *) echo "error: unknown argument '$1'; accepted: up, env, kill-node I, start-node I, down, --nodes N, --images \"IMAGE ...\", --help" >&2; exit 2 ;;
  esac
done

require_tools() {
  [ "$(id -u)" -eq 0 ] || { echo "error: test-swarm needs root (network namespaces, mounts, dockerd)" >&2; exit 2; }
  ip netns list >/dev/null 2>&1 || { echo "error: test-swarm needs 'ip netns' (iproute2)" >&2; exit 2; }
  command -v unshare >/dev/null 2>&1 || { echo "error: test-swarm needs 'unshare' (util-linux)" >&2; exit 2; }
  command -v dockerd >/dev/null 2>&1 || { echo "error: test-swarm needs 'dockerd': run scripts/install-test-tools.sh" >&2; exit 2; }
  command -v docker >/dev/null 2>&1 || { echo "error: test-swarm needs the 'docker' client: run scripts/install-test-tools.sh" >&2; exit 2; }
}

node_docker() {  # node_docker I ARGS...: the docker client against node I's engine
  local i=$1; shift
  docker -H "unix://$STATE/n$i/docker.sock" "$@"
}

# The cgroup hierarchies of the host, as "mountpoint options" lines (v1 and the v2 "unified" one).
cgroup_mounts() {
  awk '$0 ~ / - cgroup2? / { split($0, halves, " - "); split(halves[2], f, " "); print $5, f[1], f[3] }' /proc/self/mountinfo \
    | while read -r point type options; do
        case "$point" in /sys/fs/cgroup/*) echo "$point $type ${options#rw,}" ;; esac
      done
}

start_node() {  # start_node I
  local i=$1
  local dir=$STATE/n$i ns=$PREFIX-n$i mounts
  mkdir -p "$dir/data" "$dir/exec"
  mounts=$(cgroup_mounts)
  # A private mount namespace: /sys/fs/cgroup and /run of its own, so that the node's engine
  # neither misses its cgroups (ip netns exec remounts /sys) nor writes into the host engine's run
  # directories, and its /var/run/docker.sock is its own; all of it goes when the engine exits.
  ip netns exec "$ns" unshare --mount --uts --propagation private /bin/bash -c '
    set -e
    hostname "$0"
    mount -t tmpfs -o mode=755 cgroup_root /sys/fs/cgroup
    while read -r point type options; do
      [ -n "$point" ] || continue
      mkdir -p "$point"
      if [ "$type" = cgroup2 ]; then mount -t cgroup2 none "$point"; else mount -t cgroup -o "$options" cgroup "$point"; fi
    done <<<"$1"
    mount -t tmpfs -o mode=755 tmpfs /run
    export DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1
    exec dockerd --data-root "$2/data" --exec-root "$2/exec" --pidfile "$2/dockerd.pid" -H "unix://$2/docker.sock" \
      -H unix:///var/run/docker.sock --cgroup-parent "$0" --storage-driver overlay2
  ' "$ns" "$mounts" "$dir" >"$dir/dockerd.log" 2>&1 &
  for _ in $(seq 1 120); do
    node_docker "$i" info >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  die "node $i's engine did not answer within 60 s; see $dir/dockerd.log"
}

up() {
  require_tools
  down >/dev/null 2>&1 || true
  mkdir -p "$STATE"
  trap 'say "up failed: tearing down"; down >/dev/null 2>&1 || true' ERR
  # The switch: a bridge in a namespace of its own, one veth to each node and one to the host.
  ip netns add "$PREFIX-sw"
  ip -n "$PREFIX-sw" link add br0 type bridge
  ip -n "$PREFIX-sw" link set br0 up
  ip -n "$PREFIX-sw" link set lo up
  ip link add "$PREFIX-host" type veth peer name host-sw
  ip link set host-sw netns "$PREFIX-sw"
  ip -n "$PREFIX-sw" link set host-sw master br0 up
  ip addr add "$HOST_IP/24" dev "$PREFIX-host"
  ip link set "$PREFIX-host" up
  for i in $(seq 1 "$nodes"); do
    ip netns add "$PREFIX-n$i"
    ip link add "$PREFIX-n$i" type veth peer name "n$i-sw"
    ip link set "n$i-sw" netns "$PREFIX-sw"
    ip -n "$PREFIX-sw" link set "n$i-sw" master br0 up
    ip link set "$PREFIX-n$i" netns "$PREFIX-n$i"
    ip -n "$PREFIX-n$i" link set "$PREFIX-n$i" name eth0
    ip -n "$PREFIX-n$i" addr add "$SUBNET.$i/24" dev eth0
    ip -n "$PREFIX-n$i" link set eth0 up
    ip -n "$PREFIX-n$i" link set lo up
  done
  for i in $(seq 1 "$nodes"); do
    start_node "$i"
  done
  node_docker 1 swarm init --advertise-addr "$SUBNET.1" >/dev/null
  token=$(node_docker 1 swarm join-token -q worker)
  for i in $(seq 2 "$nodes"); do
    node_docker "$i" swarm join --advertise-addr "$SUBNET.$i" --token "$token" "$SUBNET.1:2377" >/dev/null
  done
  if [ -n "$images" ]; then
    for i in $(seq 1 "$nodes"); do
      # shellcheck disable=SC2086
      docker save $images | node_docker "$i" load >/dev/null
    done
  fi
  echo "$nodes" >"$STATE/nodes"
  trap - ERR
  say "up: $nodes nodes ($SUBNET.1 manages), images: ${images:-none}; DOCKER_HOST=unix://$STATE/n1/docker.sock"
  node_docker 1 node ls >&2
}

down() {
  [ "$(id -u)" -eq 0 ] || { echo "error: test-swarm needs root" >&2; exit 2; }
  local i pid
  for dir in "$STATE"/n*; do
    [ -d "$dir" ] || continue
    i=${dir##*/n}
    node_docker "$i" swarm leave --force >/dev/null 2>&1 || true
    # shellcheck disable=SC2046
    node_docker "$i" rm -f $(node_docker "$i" ps -aq 2>/dev/null) >/dev/null 2>&1 || true
  done
  for dir in "$STATE"/n*; do
    [ -f "$dir/dockerd.pid" ] || continue
    pid=$(cat "$dir/dockerd.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  # What the engines leave running (containerd and its shims ignore SIGTERM): found by the state directory.
  for _ in 1 2 3; do
    pids=$(pgrep -f "$STATE/n" || true)
    [ -n "$pids" ] || break
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 0.5
  done
  # The containers' processes left behind (in the nodes' cgroups), then the cgroups, depth first,
  # in every hierarchy of the host.
  for _ in 1 2 3; do
    pids=$(find /sys/fs/cgroup/*/$PREFIX-n* -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u || true)
    [ -n "$pids" ] || break
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 0.5
  done
  for root in /sys/fs/cgroup/*; do
    for parent in "$root"/$PREFIX-n*; do
      [ -d "$parent" ] && find "$parent" -depth -type d -exec rmdir {} + 2>/dev/null || true
    done
  done
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$PREFIX-" || true); do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true
    ip netns del "$ns"
  done
  ip link del "$PREFIX-host" 2>/dev/null || true
  rm -rf "$STATE"
  say "down: nothing left (namespaces, links, processes, cgroups, $STATE)"
}

# kill_leftovers I: the processes node I's engine left (containerd, shims, containers): by its
# network namespace and by its cgroups.
kill_leftovers() {
  local i=$1 pids
  for _ in 1 2 3; do
    pids=$( (ip netns pids "$PREFIX-n$i" 2>/dev/null; find /sys/fs/cgroup/*/"$PREFIX-n$i" -name cgroup.procs -exec cat {} + 2>/dev/null) \
      | sort -u)
    [ -n "$pids" ] || break
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 0.5
  done
}

kill_node() {
  [ -f "$STATE/n$node/dockerd.pid" ] || die "no node $node (is the swarm up?)"
  kill -KILL "$(cat "$STATE/n$node/dockerd.pid")" 2>/dev/null || true
  say "node $node's engine killed (kill -9); its containers run on, unmanaged, until start-node $node"
}

start_node_again() {
  [ -d "$STATE/n$node" ] || die "no node $node (is the swarm up?)"
  if node_docker "$node" info >/dev/null 2>&1; then
    say "node $node's engine is running"
    return 0
  fi
  kill_leftovers "$node"
  rm -f "$STATE/n$node/dockerd.pid" "$STATE/n$node/docker.sock"
  start_node "$node"
  say "node $node's engine started again; it rejoins the swarm by itself"
}

case "$command" in
  up) up ;;
  kill-node) require_tools; kill_node ;;
  start-node) require_tools; start_node_again ;;
  env) echo "DOCKER_HOST=unix://$STATE/n1/docker.sock" ;;
  down) down ;;
  *) echo "error: a command is needed: up, env, kill-node, start-node or down; see $0 --help" >&2; exit 2 ;;
esac
