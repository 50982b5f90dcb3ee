package org.rlautoscaler.autoscaler.live;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.StatefulMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import org.rlautoscaler.autoscaler.env.Limits;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.safety.SafetyReason;

/**
 * The control loop's own metrics, as the HPA controller exports its own: what it sees, what it
 * decides and why, how it learns, what fails. Every {@code autoscaler_*} series carries the
 * label {@code service}: one process scales many services, and each loop writes through its own
 * {@code LoopMetrics} ({@link #forService}) into one registry, served at {@code /metrics}.
 */
public final class LoopMetrics {
    /** The metric families of one process, shared by the loops of all its services. */
    private static final class Families {
        final PrometheusRegistry registry = new PrometheusRegistry();
        final Gauge desired = gauge("autoscaler_desired_replicas", "Replicas the service is asked to run");
        final Gauge running = gauge("autoscaler_running_replicas", "Replicas running (tasks in state running)");
        final Gauge observation = Gauge.builder().name("autoscaler_observation")
                .help("The last observation, by field (percent, fraction, req/s or ms as in the field's name)")
                .labelNames("service", "field").register(registry);
        final Gauge minReplicas = gauge("autoscaler_min_replicas", "MIN_REPLICAS: the fewest replicas it asks for");
        final Gauge maxReplicas = gauge("autoscaler_max_replicas", "MAX_REPLICAS: the most replicas it asks for");
        final Gauge reward = gauge("autoscaler_reward", "Reward of the last step, by the agent's reward function");
        final Gauge epsilon = gauge("autoscaler_epsilon", "Chance of a random action now (0 when acting greedily)");
        final Gauge tableEntries = gauge("autoscaler_qtable_entries", "Entries (state, action) of the agent's Q-table");
        final Gauge tableVisited = gauge("autoscaler_qtable_visited_entries", "Q-table entries updated at least once");
        final Gauge forecast = gauge("autoscaler_forecast_load", "The highest request rate the agent's forecast expects over "
                + "its horizon (a new replica's start-up and the cooldown), req/s; absent for an agent that does not forecast");
        final Gauge lastLoop = gauge("autoscaler_last_loop_timestamp_seconds", "When the loop last finished a period, Unix time");
        final Gauge condition = Gauge.builder().name("autoscaler_condition")
                .help("The loop's conditions, as a HorizontalPodAutoscaler's: 1 for the current status of each type, else 0")
                .labelNames("service", "type", "status").register(registry);
        final Gauge ready = gauge("autoscaler_ready", "1 while the loop reads and scales (see /ready), 0 after UNREADY_AFTER_PERIODS failed periods in a row");
        final Counter decisions = Counter.builder().name("autoscaler_decisions_total")
                .help("Decisions by action (scale_out, scale_in, hold) and the safety chain's reason")
                .labelNames("service", "action", "reason").register(registry);
        final Counter fetchErrors = Counter.builder().name("autoscaler_metric_fetch_errors_total")
                .help("Observation fields that could not be read, by field and kind (empty, nan, bad_query, error_status, timeout, unreachable, bad_response)")
                .labelNames("service", "field", "kind").register(registry);
        final Counter scalingErrors = Counter.builder().name("autoscaler_scaling_errors_total")
                .help("Failed reads or changes of the replica count, by kind (unreachable, not_found, conflict, forbidden, failed)")
                .labelNames("service", "kind").register(registry);
        final Counter replicaRestarts = Counter.builder().name("autoscaler_replica_restarts_total")
                .help("Replicas that restarted without being added: the youngest replica's running_time began after the last period while the replica count did not grow")
                .labelNames("service").register(registry);
        final Histogram loopDuration = Histogram.builder().name("autoscaler_loop_duration_seconds")
                .help("Time of one period's work (observe, decide, apply, learn, save), waiting excluded, seconds")
                .labelNames("service")
                .classicOnly().classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10).register(registry);
        final Gauge services = Gauge.builder().name("autoscaler_services")
                .help("Services found to scale, by state: scaled, or invalid_label (not scaled until a label is fixed)")
                .labelNames("state").register(registry);
        final Histogram discoveryDuration = Histogram.builder().name("autoscaler_discovery_duration_seconds")
                .help("Time to list the services to scale and start or stop their loops, seconds")
                .classicOnly().classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10).register(registry);
        final List<StatefulMetric<?, ?>> all = List.of(desired, running, observation, minReplicas, maxReplicas, reward,
                epsilon, tableEntries, tableVisited, forecast, lastLoop, condition, ready, decisions, fetchErrors, scalingErrors,
                replicaRestarts, loopDuration);

        Families() {
            JvmMetrics.builder().register(registry);
        }

        private Gauge gauge(String name, String help) {
            return Gauge.builder().name(name).help(help).labelNames("service").register(registry);
        }
    }

    private final Families families;
    private final String service;

    /** The metrics of a process with one service, named {@code service}. */
    public LoopMetrics(String service) {
        this(new Families(), service);
    }

    /** The metrics of a process with one service, whose name is not known: the label is empty. */
    public LoopMetrics() {
        this("");
    }

    private LoopMetrics(Families families, String service) {
        this.families = families;
        this.service = service;
    }

    /** The metrics of the loop of {@code other}, in the same registry. */
    public LoopMetrics forService(String other) {
        return new LoopMetrics(families, other);
    }

    /** The service this loop's series are labelled with. */
    public String service() {
        return service;
    }

    /** Removes this service's series: the service was let go. */
    public void remove() {
        for (StatefulMetric<?, ?> metric : families.all) {
            metric.removeIf(labels -> labels.get(0).equals(service));
        }
    }

    public PrometheusRegistry registry() {
        return families.registry;
    }

    /** A listing of the services found {@code scaled} to scale and {@code invalid} with a bad label, in {@code seconds}. */
    public void discovered(long scaled, long invalid, double seconds) {
        families.services.labelValues("scaled").set(scaled);
        families.services.labelValues("invalid_label").set(invalid);
        families.discoveryDuration.observe(seconds);
    }

    void observed(Observation o) {
        families.desired.labelValues(service).set(o.desiredReplicas());
        families.running.labelValues(service).set(o.runningReplicas());
        field("cpu_usage_percent", o.cpuUsage());
        field("ram_usage_percent", o.ramUsage());
        field("replica_cpu_fraction", o.replicaCpuUtilisation());
        field("request_rate_per_second", o.requestRate());
        field("mean_latency_ms", o.meanLatencyMs());
        field("p95_latency_ms", o.p95LatencyMs());
    }

    private void field(String name, double value) {
        families.observation.labelValues(service, name).set(value);
    }

    void limits(Limits limits) {
        families.minReplicas.labelValues(service).set(limits.min());
        families.maxReplicas.labelValues(service).set(limits.max());
    }

    /** Sets autoscaler_condition for {@code type}: 1 for {@code status}, 0 for the others. */
    public void condition(Condition.Type type, Condition.Status status) {
        for (Condition.Status each : Condition.Status.values()) {
            families.condition.labelValues(service, type.name(), each.name()).set(each == status ? 1 : 0);
        }
    }

    /** Sets autoscaler_ready. */
    public void ready(boolean isReady) {
        families.ready.labelValues(service).set(isReady ? 1 : 0);
    }

    /** The value of autoscaler_condition{type, status} (for tests). */
    public double condition(String type, String status) {
        return families.condition.labelValues(service, type, status).get();
    }

    /** Counts a decision; returns the action's label. */
    String decided(int current, int applied, SafetyReason reason) {
        String action = applied > current ? "scale_out" : applied < current ? "scale_in" : "hold";
        families.decisions.labelValues(service, action, reason.name()).inc();
        return action;
    }

    /** All decisions so far with this action and reason (for tests). */
    public double decisions(String action, SafetyReason reason) {
        return families.decisions.labelValues(service, action, reason.name()).get();
    }

    public double scalingErrors(String kind) {
        return families.scalingErrors.labelValues(service, kind).get();
    }

    void scalingError(String kind) {
        families.scalingErrors.labelValues(service, kind).inc();
    }

    public void fetchError(String field, String kind) {
        families.fetchErrors.labelValues(service, field, kind).inc();
    }

    void replicaRestarted() {
        families.replicaRestarts.labelValues(service).inc();
    }

    void reward(double value) {
        families.reward.labelValues(service).set(value);
    }

    void epsilon(double value) {
        families.epsilon.labelValues(service).set(value);
    }

    void tableEntries(long entries) {
        families.tableEntries.labelValues(service).set(entries);
    }

    void tableVisited(long visited) {
        families.tableVisited.labelValues(service).set(visited);
    }

    void loopDuration(double seconds) {
        families.loopDuration.labelValues(service).observe(seconds);
    }

    /** The forecast's peak rate; NaN: none, and the series is removed (an agent that does not forecast has none). */
    void forecast(double requestsPerSecond) {
        if (Double.isNaN(requestsPerSecond)) {
            families.forecast.remove(service);
        } else {
            families.forecast.labelValues(service).set(requestsPerSecond);
        }
    }

    void lastLoop(double epochSeconds) {
        families.lastLoop.labelValues(service).set(epochSeconds);
    }

    double lastLoop() {
        return families.lastLoop.labelValues(service).get();
    }
}
