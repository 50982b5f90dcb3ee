package org.rlautoscaler.autoscaler.fleet;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.rlautoscaler.autoscaler.env.ScalingException;
import org.rlautoscaler.autoscaler.env.Ticker;
import org.rlautoscaler.autoscaler.live.Condition;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.rlautoscaler.autoscaler.live.LoopStatus;
import org.rlautoscaler.autoscaler.live.Shutdown;
import org.rlautoscaler.autoscaler.live.server.ServiceView;
import org.rlautoscaler.autoscaler.live.server.Services;
import org.rlautoscaler.common.config.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every service the {@link ServiceDiscovery} lists, each scaled by its own {@link ControlLoop} in
 * a virtual thread of its own, so that a service whose orchestrator or Prometheus call hangs
 * holds no other. Every period the fleet lists the services again: one that appears is started,
 * one that is gone (removed, or its label {@code rl-autoscaler.enable} no longer true) is let go
 * (its loop stops after its period; its files stay), one whose labels changed is started again
 * with its new settings, from its saved files. A service whose labels cannot be used is not
 * scaled: its condition ScalingActive is False with the reason {@code InvalidLabel}, and the
 * others go on.
 */
public final class Fleet implements Services {
    private static final Logger log = LoggerFactory.getLogger(Fleet.class);

    /** Makes the loop of a service: its agent, scaler, metrics source and files. */
    @FunctionalInterface
    public interface LoopFactory {
        /**
         * The loop of {@code service} with {@code settings}, writing its metrics through
         * {@code metrics}; called in the service's own thread, so it may take time (pre-training).
         *
         * @throws InvalidSettingException when something the service needs cannot be used
         */
        ControlLoop create(DiscoveredService service, ServiceSettings settings, LoopMetrics metrics) throws Exception;

        /** The service's loop has stopped, or will: what was made for it may go. */
        default void released(DiscoveredService service) {}
    }

    /** One service, as the fleet holds it. */
    private static final class Managed {
        final DiscoveredService found;
        final ServiceLabels.Parsed parsed;
        final LoopMetrics metrics;
        final LoopStatus waiting; // the conditions until its loop runs, or for good when its labels are invalid
        final Map<String, Object> about = new LinkedHashMap<>();
        volatile ControlLoop loop;
        volatile boolean letGo;
        Thread thread;

        Managed(DiscoveredService found, ServiceLabels.Parsed parsed, LoopMetrics metrics, LoopStatus waiting) {
            this.found = found;
            this.parsed = parsed;
            this.metrics = metrics;
            this.waiting = waiting;
        }

        ServiceView view() {
            ControlLoop running = loop;
            return new ServiceView(found.key(), found.group(), Map.copyOf(about),
                    running == null ? waiting : running.status(), Optional.ofNullable(running));
        }
    }

    private final ServiceDiscovery discovery;
    private final ServiceSettings defaults;
    private final LoopFactory factory;
    private final LoopMetrics metrics;
    private final Ticker ticker;
    private final Clock clock;
    private final int unreadyAfterPeriods;
    private final Map<String, Managed> services = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private volatile String discoveryError;
    private volatile double lastDiscoveryEpochSeconds;
    private final double startedEpochSeconds;

    /**
     * @param defaults the autoscaler's own settings, which labels replace
     * @param metrics  the autoscaler's metrics: each service writes through {@code metrics.forService(key)}
     * @param ticker   waits for the next period between two listings
     */
    public Fleet(ServiceDiscovery discovery, ServiceSettings defaults, LoopFactory factory, LoopMetrics metrics,
                 Ticker ticker, Clock clock, int unreadyAfterPeriods) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.metrics = metrics;
        this.ticker = ticker;
        this.clock = clock;
        this.unreadyAfterPeriods = unreadyAfterPeriods;
        this.startedEpochSeconds = clock.millis() / 1000.0;
    }

    /** Lists the services and starts, restarts or lets go of their loops: one period of the fleet. */
    public void reconcile() {
        long start = System.nanoTime();
        List<DiscoveredService> found;
        try {
            found = discovery.discover();
        } catch (ScalingException e) {
            if (!Objects.equals(discoveryError, e.getMessage())) {
                log.warn("Cannot list the services to scale ({}: {}); the services found before go on", e.kind(),
                        e.getMessage());
            }
            discoveryError = e.kind() + ": " + e.getMessage();
            lastDiscoveryEpochSeconds = clock.millis() / 1000.0; // the fleet is alive, and says why it cannot list
            return;
        }
        if (discoveryError != null) {
            log.info("The services can be listed again");
        }
        discoveryError = null;
        Set<String> keys = new HashSet<>();
        for (DiscoveredService service : found) {
            keys.add(service.key());
            Managed current = services.get(service.key());
            if (current == null) {
                log.info("Found service {}{}", service.key(), discovery.byLabels() ? " (labelled " + ServiceLabels.ENABLE
                        + "=true)" : "");
                start(service, null);
            } else if (!current.found.equals(service)) {
                log.info("The labels of service {} changed: its loop starts again with them", service.key());
                stopLoop(current);
                start(service, current);
            }
        }
        for (Managed gone : List.copyOf(services.values())) {
            if (!keys.contains(gone.found.key())) {
                log.info("Letting go of service {}: {}; its files stay", gone.found.key(), discovery.byLabels()
                        ? "it is gone or no longer labelled " + ServiceLabels.ENABLE + "=true" : "it is gone");
                services.remove(gone.found.key());
                gone.letGo = true;
                stopLoop(gone);
                factory.released(gone.found);
                gone.metrics.remove(); // again when its loop ends: it may be in the middle of a period
            }
        }
        long invalid = services.values().stream().filter(m -> m.parsed instanceof ServiceLabels.Parsed.Invalid).count();
        metrics.discovered(services.size() - invalid, invalid, (System.nanoTime() - start) / 1e9);
        lastDiscoveryEpochSeconds = clock.millis() / 1000.0;
    }

    private void start(DiscoveredService service, Managed previous) {
        ServiceLabels.Parsed parsed = discovery.byLabels() ? ServiceLabels.parse(service.labels(), defaults)
                : new ServiceLabels.Parsed.Valid(defaults);
        LoopMetrics serviceMetrics = metrics.forService(service.key());
        LoopStatus waiting = new LoopStatus(unreadyAfterPeriods, serviceMetrics, clock.instant());
        Managed managed = new Managed(service, parsed, serviceMetrics, waiting);
        managed.about.put("service", service.key());
        if (!service.group().isEmpty()) {
            managed.about.put("group", service.group());
        }
        services.put(service.key(), managed);
        switch (parsed) {
            case ServiceLabels.Parsed.Invalid invalid -> {
                String message = invalid.label().message() + "; the service is not scaled until the label is fixed";
                managed.about.put("invalid_label", invalid.label().label());
                waiting.set(Condition.Type.ScalingActive, Condition.Status.False, "InvalidLabel", message, clock.instant());
                waiting.failed(message, clock.instant());
            }
            case ServiceLabels.Parsed.Valid valid -> {
                ServiceSettings settings = valid.settings();
                managed.about.put("agent", settings.agent().id());
                managed.about.put("mode", settings.learn() ? "learn" : "greedy");
                managed.about.put("dry_run", settings.dryRun());
                managed.about.put("slo_p95_ms", settings.sloP95Ms());
                managed.about.put("min_replicas", settings.limits().min());
                managed.about.put("max_replicas", settings.limits().max());
                managed.about.put("settings", settings.describe());
                Thread before = previous == null ? null : previous.thread;
                managed.thread = Thread.ofVirtual().name(service.key()).start(() -> runService(managed, settings, before));
            }
        }
    }

    /** The service's thread: waits for its previous loop to end, makes its loop and runs it until stopped. */
    private void runService(Managed managed, ServiceSettings settings, Thread previous) {
        MDC.put("service", managed.found.key());
        try {
            if (previous != null) {
                previous.join(Duration.ofMinutes(1));
            }
            log.info("Scaling {}: {}", managed.found.key(), settings.describe());
            ControlLoop loop = factory.create(managed.found, settings, managed.metrics);
            if (stopped || !services.containsKey(managed.found.key()) || services.get(managed.found.key()) != managed) {
                return;
            }
            managed.loop = loop;
            loop.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvalidSettingException e) {
            log.warn("Cannot scale {}: {}", managed.found.key(), e.getMessage());
            managed.waiting.set(Condition.Type.ScalingActive, Condition.Status.False, "InvalidSetting", e.getMessage(),
                    clock.instant());
            managed.waiting.failed(e.getMessage(), clock.instant());
        } catch (Exception e) {
            log.error("The loop of {} failed: {}", managed.found.key(), e.toString(), e);
            managed.waiting.set(Condition.Type.ScalingActive, Condition.Status.False, "LoopFailed", e.toString(),
                    clock.instant());
            managed.waiting.failed(e.toString(), clock.instant());
            managed.loop = null;
        } finally {
            if (managed.letGo && !services.containsKey(managed.found.key())) {
                managed.metrics.remove();
            }
            MDC.remove("service");
        }
    }

    private static void stopLoop(Managed managed) {
        ControlLoop loop = managed.loop;
        if (loop != null) {
            loop.stop();
        }
        if (managed.thread != null) {
            managed.thread.interrupt(); // wakes it from its wait for the next period
        }
    }

    /**
     * Lists and reconciles every period until {@link #stop} or an interrupt; then stops every
     * service's loop, so that none outlives the fleet (and the clients it closes).
     */
    public void run() {
        try {
            while (!stopped && !Thread.currentThread().isInterrupted()) {
                reconcile();
                ticker.tick();
            }
        } finally {
            stop(Shutdown.WAIT);
        }
    }

    /**
     * Runs until the process is asked to stop (SIGTERM, Ctrl-C): the shutdown hook stops every
     * loop after its current period and waits up to 20 s for them. A call to a hung orchestrator
     * ignores the interrupt: after 2 s the hook closes {@code orchestrator}'s client to cut it
     * short.
     */
    public void runUntilShutdown(AutoCloseable orchestrator) {
        Shutdown.runUntilSignalled(this::run, () -> stop(Shutdown.WAIT), orchestrator);
    }

    /**
     * Stops listing and every service's loop, and waits up to {@code timeout} for them to end
     * their period, even when this thread was interrupted (the interrupt is kept).
     */
    public void stop(Duration timeout) {
        stopped = true;
        List<Managed> all = List.copyOf(services.values());
        all.forEach(Fleet::stopLoop);
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Managed managed : all) {
                if (managed.thread != null) {
                    managed.thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public List<ServiceView> all() {
        List<ServiceView> views = new ArrayList<>();
        for (Managed managed : services.values()) {
            views.add(managed.view());
        }
        views.sort(Comparator.comparing(ServiceView::key));
        return views;
    }

    @Override
    public Optional<ServiceView> find(String key) {
        return Optional.ofNullable(services.get(key)).map(Managed::view);
    }

    @Override
    public boolean byLabels() {
        return discovery.byLabels();
    }

    /** Where the services are looked for, in words. */
    public String describe() {
        return discovery.describe();
    }

    /** Why the last listing failed, if it did. */
    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(discoveryError).map(error -> "cannot list the services to scale: " + error);
    }

    /** When the services were last listed, Unix time in seconds (0: not yet). */
    @Override
    public double lastPeriodEpochSeconds() {
        return lastDiscoveryEpochSeconds;
    }

    /** When the fleet was made, Unix time in seconds. */
    @Override
    public double startedEpochSeconds() {
        return startedEpochSeconds;
    }

    /** The CPU cores of one replica of {@code service}: its limit when it sets one, else {@code otherwise}. */
    public static double coresPerReplica(DiscoveredService service, double otherwise) {
        OptionalDouble limit = service.coresPerReplica();
        return limit.isPresent() ? limit.getAsDouble() : otherwise;
    }

    /** For tests: waits until {@code key}'s loop runs, up to {@code timeout}. */
    public boolean awaitLoop(String key, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Managed managed = services.get(key);
            if (managed != null && managed.loop != null) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return false;
    }
}
