#!/bin/sh
# Installs and starts the real programs the test suite runs against, where they are missing:
#   promtool and prometheus (Debian package: prometheus);
#   a Docker engine in Swarm mode (docker.io; dockerd started and `docker swarm init` run), and
#   the local image rl-autoscaler/busybox:test (busybox-static, imported: no registry needed);
#   Chromium and its ChromeDriver (chromium, chromium-driver), for the tests of web pages;
#   a Java 17 runtime (openjdk-17-jre-headless), to test what the jars tell a Java that is too old.
# With the argument "bench", also what the benchmarks use: wrk, nginx (nginx-light), hyperfine.
#
#   scripts/install-test-tools.sh [bench]
#
# The build runs this script when CI=true (see the "ci" profile in pom.xml); run it by hand to
# get the same coverage on your machine. It needs root and apt-get (Debian, Ubuntu); elsewhere
# it says what to install and exits 1.
set -eu
. "$(dirname "$0")/lib/args.sh"
answer_help "$@"
refuse_options "bench, --help" "$@"
if [ $# -gt 1 ] || { [ $# -eq 1 ] && [ "$1" != bench ]; }; then
  echo "error: unknown argument '$*'; accepted: bench, --help" >&2
  exit 2
fi

say() { echo "install-test-tools: $*"; }

missing=""
command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1 || missing="$missing prometheus"
[ -x /usr/bin/docker ] && command -v dockerd >/dev/null 2>&1 || missing="$missing docker.io"
[ -x /bin/busybox ] || [ -x /usr/bin/busybox ] || missing="$missing busybox-static"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -x /usr/bin/chromedriver ] || missing="$missing chromium-driver"
ls /usr/lib/jvm/java-17-openjdk-*/bin/java >/dev/null 2>&1 || missing="$missing openjdk-17-jre-headless"
if [ "${1-}" = bench ]; then
  command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing="$missing nginx-light"
  command -v hyperfine >/dev/null 2>&1 || missing="$missing hyperfine"
fi

if [ -n "$missing" ]; then
  if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
    say "please install:$missing (needs root and apt-get to do it here)" >&2
    exit 1
  fi
  say "installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# Debian's client matches its 20.10 engine; a newer client elsewhere on PATH may not.
docker=/usr/bin/docker
if ! "$docker" info >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    say "the Docker engine is not running, and starting it needs root" >&2
    exit 1
  fi
  say "starting dockerd (log: /var/log/rl-autoscaler-dockerd.log)"
  setsid dockerd >/var/log/rl-autoscaler-dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 60); do "$docker" info >/dev/null 2>&1 && break; sleep 1; done
  "$docker" info >/dev/null 2>&1 || { say "dockerd did not start; see /var/log/rl-autoscaler-dockerd.log" >&2; exit 1; }
fi
if [ "$("$docker" info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
  say "turning on Swarm mode"
  "$docker" swarm init --advertise-addr 127.0.0.1 >/dev/null
fi
if ! "$docker" image inspect rl-autoscaler/busybox:test >/dev/null 2>&1; then
  say "building the test image rl-autoscaler/busybox:test from busybox-static"
  root=$(mktemp -d)
  mkdir -p "$root/bin"
  cp "$(command -v busybox)" "$root/bin/busybox"
  for tool in sh sleep httpd echo cat; do ln -s busybox "$root/bin/$tool"; done
  tar -C "$root" -c . | "$docker" import -c 'CMD ["/bin/sleep", "3600"]' - rl-autoscaler/busybox:test >/dev/null
  rm -rf "$root"
fi
say "ready: prometheus $(prometheus --version 2>&1 | head -n 1 | cut -d' ' -f3), Docker engine $("$docker" version --format '{{.Server.Version}}') in Swarm mode"
