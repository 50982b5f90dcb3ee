package org.rlautoscaler.autoscaler.live;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.safety.SafetyReason;

/**
 * The control loop's own metrics, as the HPA controller exports its own: what it sees, what it
 * decides and why, how it learns, what fails.
 */
public final class LoopMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    final Gauge desired = gauge("autoscaler_desired_replicas", "Replicas the service is asked to run");
    final Gauge running = gauge("autoscaler_running_replicas", "Replicas running (tasks in state running)");
    final Gauge observation = Gauge.builder().name("autoscaler_observation")
            .help("The last observation, by field (percent, fraction, req/s or ms as in the field's name)")
            .labelNames("field").register(registry);
    final Gauge minReplicas = gauge("autoscaler_min_replicas", "MIN_REPLICAS: the fewest replicas it asks for");
    final Gauge maxReplicas = gauge("autoscaler_max_replicas", "MAX_REPLICAS: the most replicas it asks for");
    final Gauge reward = gauge("autoscaler_reward", "Reward of the last step, by the agent's reward function");
    final Gauge epsilon = gauge("autoscaler_epsilon", "Chance of a random action now (0 when acting greedily)");
    final Gauge tableEntries = gauge("autoscaler_qtable_entries", "Entries (state, action) of the agent's Q-table");
    final Gauge tableVisited = gauge("autoscaler_qtable_visited_entries", "Q-table entries updated at least once");
    final Gauge lastLoop = gauge("autoscaler_last_loop_timestamp_seconds", "When the loop last finished a period, Unix time");
    final Gauge condition = Gauge.builder().name("autoscaler_condition")
            .help("The loop's conditions, as a HorizontalPodAutoscaler's: 1 for the current status of each type, else 0")
            .labelNames("type", "status").register(registry);
    final Gauge ready = gauge("autoscaler_ready", "1 while the loop reads and scales (see /ready), 0 after UNREADY_AFTER_PERIODS failed periods in a row");
    final Counter decisions = Counter.builder().name("autoscaler_decisions_total")
            .help("Decisions by action (scale_out, scale_in, hold) and the safety chain's reason")
            .labelNames("action", "reason").register(registry);
    final Counter fetchErrors = Counter.builder().name("autoscaler_metric_fetch_errors_total")
            .help("Observation fields that could not be read, by field and kind (empty, nan, bad_query, error_status, timeout, unreachable, bad_response)")
            .labelNames("field", "kind").register(registry);
    final Counter scalingErrors = Counter.builder().name("autoscaler_scaling_errors_total")
            .help("Failed reads or changes of the replica count, by kind (unreachable, not_found, conflict, forbidden, failed)")
            .labelNames("kind").register(registry);
    final Counter replicaRestarts = Counter.builder().name("autoscaler_replica_restarts_total")
            .help("Replicas that restarted without being added: the youngest replica's running_time began after the last period while the replica count did not grow")
            .register(registry);
    final Histogram loopDuration = Histogram.builder().name("autoscaler_loop_duration_seconds")
            .help("Time of one period's work (observe, decide, apply, learn, save), waiting excluded, seconds")
            .classicOnly().classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10).register(registry);

    public LoopMetrics() {
        JvmMetrics.builder().register(registry);
    }

    private Gauge gauge(String name, String help) {
        return Gauge.builder().name(name).help(help).register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    void observed(Observation o) {
        desired.set(o.desiredReplicas());
        running.set(o.runningReplicas());
        observation.labelValues("cpu_usage_percent").set(o.cpuUsage());
        observation.labelValues("ram_usage_percent").set(o.ramUsage());
        observation.labelValues("replica_cpu_fraction").set(o.replicaCpuUtilisation());
        observation.labelValues("request_rate_per_second").set(o.requestRate());
        observation.labelValues("mean_latency_ms").set(o.meanLatencyMs());
        observation.labelValues("p95_latency_ms").set(o.p95LatencyMs());
    }

    void limits(Limits limits) {
        minReplicas.set(limits.min());
        maxReplicas.set(limits.max());
    }

    void condition(Condition.Type type, Condition.Status status) {
        for (Condition.Status each : Condition.Status.values()) {
            condition.labelValues(type.name(), each.name()).set(each == status ? 1 : 0);
        }
    }

    void ready(boolean isReady) {
        ready.set(isReady ? 1 : 0);
    }

    /** The value of autoscaler_condition{type, status} (for tests). */
    public double condition(String type, String status) {
        return condition.labelValues(type, status).get();
    }

    /** Counts a decision; returns the action's label. */
    String decided(int current, int applied, SafetyReason reason) {
        String action = applied > current ? "scale_out" : applied < current ? "scale_in" : "hold";
        decisions.labelValues(action, reason.name()).inc();
        return action;
    }

    /** All decisions so far with this action and reason (for tests). */
    public double decisions(String action, SafetyReason reason) {
        return decisions.labelValues(action, reason.name()).get();
    }

    public double scalingErrors(String kind) {
        return scalingErrors.labelValues(kind).get();
    }

    public void fetchError(String field, String kind) {
        fetchErrors.labelValues(field, kind).inc();
    }
}
