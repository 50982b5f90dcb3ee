#!/bin/sh
# Starts the autoscaler as the user app (10001), not as root.
#
# On Swarm the container starts as root, because the Docker socket it scales through is mounted
# from the host with the host's group (docker: a gid that differs from host to host), and a stack
# file cannot add a group to a container. So this script, as root:
#   1. reads the gid of the socket (DOCKER_HOST=unix://..., default /var/run/docker.sock);
#   2. gives WEIGHTS_DIR and PLOTS_DIR to app (volumes written by an older, root-run autoscaler);
#   3. runs java as app, with its own group and the socket's as a supplementary group, no
#      capabilities and no way to gain privileges again (util-linux setpriv).
# It stays root only where the socket belongs to group 0 (root), which app could not be given
# without the root group's files; it says so. Started as another user (Kubernetes' runAsUser
# 10001, docker run --user), it runs java as that user without any of this.
#
# Only the long-lived commands, run (the default) and watch, which serve a port, drop to app. The
# one-off tools (calibrate, train, evaluate, demo, compare-live ...) keep the container's user,
# so that they can write into a directory mounted from the host (docker run -v "$PWD:/out");
# run them with --user "$(id -u):$(id -g)" --group-add <the socket's gid> to write as yourself.
set -eu

command=${1:-run}

set -- java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:MaxRAMPercentage=75 \
  -Djava.awt.headless=true -jar /app/app.jar "$@"

if [ "$(id -u)" != 0 ] || { [ "$command" != run ] && [ "$command" != watch ]; }; then
  exec "$@"
fi

APP_UID=10001
groups=$APP_UID
socket=/var/run/docker.sock
case "${DOCKER_HOST:-}" in unix://*) socket=${DOCKER_HOST#unix://} ;; esac
if [ -S "$socket" ]; then
  gid=$(stat -c %g "$socket")
  if [ "$gid" = 0 ]; then
    echo "entrypoint: $socket belongs to group 0 (root): running as root, since the user app would need the root group to use it" >&2
    exec "$@"
  fi
  groups="$groups,$gid"
fi

for dir in "${WEIGHTS_DIR:-}" "${PLOTS_DIR:-}"; do
  if [ -n "$dir" ] && [ -d "$dir" ]; then
    chown -R "$APP_UID:$APP_UID" "$dir"
  fi
done

export HOME=/home/app
# By its path: busybox's sh runs its own setpriv applet, which lacks these options, for a bare name.
exec /usr/bin/setpriv --reuid="$APP_UID" --regid="$APP_UID" --groups="$groups" --inh-caps=-all --no-new-privs -- "$@"
