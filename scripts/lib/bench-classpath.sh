# The autoscaler's classes and tests with every dependency, for the benchmarks that run a class
# of its tests (sourced from the repository's root, after scripts/find-jdk.sh): builds them and
# sets $cp.
#
#   . scripts/lib/bench-classpath.sh        then: "$JAVA_HOME/bin/java" -cp "$cp" ...
./mvnw -q -B -DskipTests -pl load-balancer -am install
./mvnw -q -B -pl load-balancer dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="load-balancer/target/test-classes:load-balancer/target/classes:$(cat load-balancer/target/bench-classpath.txt)"
