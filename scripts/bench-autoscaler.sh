#!/bin/sh
# Benchmarks the autoscaler's offline core, in one run:
#   1. JMH: simulated steps per second on one thread, qlearning learning (target: 1,000,000+);
#   2. the wall time of `evaluate` over the whole NASA trace, every policy, 3 seeds
#      (target: under 5 s), measured by hyperfine (3 runs) where installed, else once;
#   3. the evaluate tables of both shared traces, for docs/benchmarks.md.
#
#   scripts/bench-autoscaler.sh
set -eu
cd "$(dirname "$0")/.."
. ./scripts/find-jdk.sh

./mvnw -q -B -DskipTests -pl load-balancer -am install
./mvnw -q -B -pl load-balancer dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="load-balancer/target/test-classes:load-balancer/target/classes:$(cat load-balancer/target/bench-classpath.txt)"

echo "## JMH: simulated steps per second (one thread)"
"$JAVA_HOME/bin/java" -Djava.awt.headless=true -cp "$cp" org.openjdk.jmh.Main StepBenchmark -rf text \
  -rff load-balancer/target/jmh.txt 2>&1 | grep -E "^(Benchmark|StepBenchmark)"

jar=load-balancer/target/load-balancer.jar
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo
echo "## evaluate --trace nasa (whole trace: first half trains, second half evaluates; all policies, 3 seeds)"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --runs 3 --warmup 1 --style basic \
    "$JAVA_HOME/bin/java -jar $jar evaluate --trace nasa --out $out/nasa" 2>&1 | grep -E "Time|Range"
else
  /usr/bin/time -f "%e s" "$JAVA_HOME/bin/java" -jar "$jar" evaluate --trace nasa --out "$out/nasa" >/dev/null
fi
for trace in nasa wikipedia; do
  echo
  echo "## evaluate --trace $trace"
  "$JAVA_HOME/bin/java" -jar "$jar" evaluate --trace "$trace" --out "$out/$trace" 2>/dev/null
done
