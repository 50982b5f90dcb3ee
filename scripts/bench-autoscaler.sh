#!/bin/sh
# Benchmarks the autoscaler's offline core, in one run:
#   1. JMH: simulated steps per second on one thread through the rollout loop, qlearning training
#      (target: 1,000,000+);
#   2. qlearning against hpa-tuned on the two bundled real traces, each trained on the other
#      (5 seeds each): trained on NASA and evaluated on Wikipedia, and the reverse
#      (targets: replica-seconds at most 0.95 x hpa-tuned's at SLO violations at most hpa-tuned's
#      + 0.1 point, and on one of the two at least half of the gap to the lower bound closed);
#   3. the wall time of `demo` (target: under a minute), by hyperfine (2 runs) where installed,
#      else once, and its table.
#
#   scripts/bench-autoscaler.sh
set -eu
. "$(dirname "$0")/lib/args.sh"
answer_help "$@"
[ $# -eq 0 ] || { echo "error: no arguments are taken, got '$*'; see $0 --help" >&2; exit 2; }
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh

. ./scripts/lib/bench-classpath.sh

echo "## JMH: simulated steps per second (one thread)"
"$JAVA_HOME/bin/java" -Djava.awt.headless=true -cp "$cp" org.openjdk.jmh.Main StepBenchmark -rf text \
  -rff load-balancer/target/jmh.txt 2>&1 | grep -E "^(Benchmark|StepBenchmark)"

jar=load-balancer/target/load-balancer.jar
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for pair in "wikipedia nasa" "nasa wikipedia"; do
  set -- $pair
  echo
  echo "## evaluate --trace $1 --train-trace $2 (5 seeds)"
  /usr/bin/time -f "wall time %e s" "$JAVA_HOME/bin/java" -jar "$jar" evaluate --trace "$1" --train-trace "$2" \
    --out "$out/$1" 2>&1 | grep -v "^evaluate "
done
echo
echo "## demo"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --runs 2 --style basic "$JAVA_HOME/bin/java -jar $jar demo --out $out/demo" 2>&1 | grep -E "Time|Range"
fi
"$JAVA_HOME/bin/java" -jar "$jar" demo --out "$out/demo" 2>/dev/null
