#!/bin/sh
# Installs the real programs the test suite runs against, where they are missing:
#   promtool and prometheus (Debian package: prometheus).
# With the argument "bench", also what the benchmarks use: wrk, nginx (nginx-light).
#
# The build runs this script when CI=true (see the "ci" profile in pom.xml); run it by hand to
# get the same coverage on your machine. It needs root and apt-get (Debian, Ubuntu); elsewhere
# it says what to install and exits 1.
set -eu

missing=""
command -v promtool >/dev/null 2>&1 || missing="$missing prometheus"
command -v prometheus >/dev/null 2>&1 || case "$missing" in *prometheus*) ;; *) missing="$missing prometheus" ;; esac
if [ "${1-}" = bench ]; then
  command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing="$missing nginx-light"
fi

if [ -z "$missing" ]; then
  echo "install-test-tools: everything is installed"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
  echo "install-test-tools: please install:$missing (needs root and apt-get to do it here)" >&2
  exit 1
fi

echo "install-test-tools: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "install-test-tools: done"
