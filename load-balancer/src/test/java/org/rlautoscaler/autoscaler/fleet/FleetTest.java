package org.rlautoscaler.autoscaler.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.autoscaler.agent.rules.HpaPolicy;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.rlautoscaler.autoscaler.live.Condition;
import org.rlautoscaler.autoscaler.live.ControlLoop;
import org.rlautoscaler.autoscaler.live.LiveTicker;
import org.rlautoscaler.autoscaler.live.LoopMetrics;
import org.rlautoscaler.autoscaler.live.server.ServiceView;
import org.rlautoscaler.autoscaler.reward.SloCostReward;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.rlautoscaler.autoscaler.safety.SafetyConfig;

/**
 * The fleet over a discovery of the test's own: services appear, change their labels and go; a
 * bad label stops one service only; a service whose orchestrator hangs holds no other. Each
 * service's loop is a real {@link ControlLoop} with the hpa rule, on short real periods.
 */
class FleetTest {
    static final Duration PERIOD = Duration.ofMillis(20);

    /** The services listed now, by key. */
    private final Map<String, DiscoveredService> listed = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> replicas = new ConcurrentHashMap<>();
    private final Map<String, Double> cpu = new ConcurrentHashMap<>();
    private final List<String> made = new CopyOnWriteArrayList<>();
    private final Map<String, ServiceSettings> madeWith = new ConcurrentHashMap<>();
    private final CountDownLatch hung = new CountDownLatch(1);
    private final LoopMetrics metrics = new LoopMetrics("");
    private Fleet fleet;

    @AfterEach
    void stop() {
        hung.countDown();
        if (fleet != null) {
            fleet.stop(Duration.ofSeconds(10));
        }
    }

    private void list(String key, Map<String, String> labels) {
        listed.put(key, new DiscoveredService(key, "shop", labels, OptionalDouble.empty()));
        replicas.computeIfAbsent(key, k -> new AtomicInteger(1));
        cpu.putIfAbsent(key, 0.35);
    }

    private ReplicaScaler scaler(String key) {
        return new ReplicaScaler() {
            @Override
            public int desiredReplicas() {
                if (key.endsWith("hangs")) {
                    try {
                        hung.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return replicas.get(key).get();
            }

            @Override
            public int runningReplicas() {
                return replicas.get(key).get();
            }

            @Override
            public void scaleTo(int count) {
                replicas.get(key).set(count);
            }
        };
    }

    private Fleet fleet() {
        ServiceDiscovery discovery = new ServiceDiscovery() {
            @Override
            public List<DiscoveredService> discover() {
                return List.copyOf(listed.values());
            }

            @Override
            public ReplicaScaler scaler(DiscoveredService service) {
                return FleetTest.this.scaler(service.key());
            }

            @Override
            public boolean byLabels() {
                return true;
            }

            @Override
            public String describe() {
                return "the test's services";
            }
        };
        long origin = System.nanoTime();
        Fleet.LoopFactory factory = (service, settings, serviceMetrics) -> {
            made.add(service.key());
            madeWith.put(service.key(), settings);
            ReplicaScaler scaler = discovery.scaler(service);
            LiveTicker ticker = LiveTicker.aligned(PERIOD, origin, d -> Thread.sleep(d.toMillis()), System::nanoTime);
            Environment environment = new Environment(scaler, s -> {
                int count = s.desiredReplicas();
                double perReplica = cpu.get(service.key()) / count;
                return new Observation(count, s.runningReplicas(), perReplica * 100, 30, perReplica, 10, 20, 40, 100);
            }, ticker, SloCostReward.defaults(settings.sloP95Ms(), settings.limits().max()), settings.limits(), 0);
            return new ControlLoop(environment, ticker, scaler, new HpaPolicy(HpaPolicy.NAME, settings.hpaTarget(),
                    settings.limits(), PERIOD.toMillis() / 1000.0, 0),
                    new SafetyChain(new SafetyConfig(settings.limits(), Duration.ZERO, settings.maxStep(), Duration.ZERO)),
                    serviceMetrics, new ControlLoop.Settings(false, false, null, null, null), Clock.systemUTC());
        };
        fleet = new Fleet(discovery, ServiceLabelsTest.DEFAULTS, factory, metrics,
                LiveTicker.aligned(PERIOD, origin, d -> Thread.sleep(d.toMillis()), System::nanoTime), Clock.systemUTC(), 3);
        return fleet;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited 60 s for " + what);
            Thread.sleep(5);
        }
    }

    /** The value of autoscaler_services{state}. */
    private double services(String state) {
        return metrics.registry().scrape().stream().filter(m -> m.getMetadata().getName().equals("autoscaler_services"))
                .flatMap(m -> m.getDataPoints().stream()).filter(p -> state.equals(p.getLabels().get("state")))
                .mapToDouble(p -> ((GaugeSnapshot.GaugeDataPointSnapshot) p).getValue()).findFirst().orElse(Double.NaN);
    }

    private ServiceView view(String key) {
        return fleet.find(key).orElseThrow(() -> new AssertionError("no service " + key + " in " + fleet.all()));
    }

    @Test
    void a_bad_label_stops_its_service_alone_and_says_which_label() throws Exception {
        list("shop_web", Map.of("rl-autoscaler.enable", "true", "rl-autoscaler.max-replicas", "6"));
        list("shop_api", Map.of("rl-autoscaler.enable", "true"));
        list("shop_bad", Map.of("rl-autoscaler.enable", "true", "rl-autoscaler.max-replicas", "abc"));
        cpu.put("shop_web", 2.8); // 4 replicas at 70 %
        fleet().reconcile();

        assertEquals(List.of("shop_api", "shop_bad", "shop_web"), fleet.all().stream().map(ServiceView::key).toList());
        Condition active = view("shop_bad").status().condition(Condition.Type.ScalingActive);
        assertEquals(Condition.Status.False, active.status());
        assertEquals("InvalidLabel", active.reason());
        assertEquals("Invalid value for label rl-autoscaler.max-replicas: 'abc'; accepted: a whole number from 1 to 1000; "
                + "the service is not scaled until the label is fixed", active.message());
        assertEquals(1.0, metrics.forService("shop_bad").condition("ScalingActive", "False"));
        assertTrue(view("shop_bad").loop().isEmpty(), "no loop for it");

        Thread runner = Thread.ofVirtual().start(fleet::run);
        await("shop_web scaled out to 4", () -> replicas.get("shop_web").get() == 4);
        assertEquals(1, replicas.get("shop_api").get(), "shop_api at 35 % stays at 1");
        assertEquals(1, replicas.get("shop_bad").get(), "shop_bad is never scaled");
        assertEquals(6, madeWith.get("shop_web").limits().max(), "its own max-replicas");
        assertFalse(made.contains("shop_bad"));
        assertEquals(2.0, services("scaled"));
        assertEquals(1.0, services("invalid_label"));
        fleet.stop(Duration.ofSeconds(10));
        runner.join(Duration.ofSeconds(10));
    }

    @Test
    void a_service_that_appears_is_picked_up_a_changed_label_applies_and_one_that_goes_is_let_go() throws Exception {
        list("shop_web", Map.of("rl-autoscaler.enable", "true"));
        fleet().reconcile();
        await("shop_web's loop", () -> view("shop_web").loop().isPresent());

        list("shop_new", Map.of("rl-autoscaler.enable", "true"));
        fleet.reconcile();
        await("shop_new's loop", () -> fleet.find("shop_new").flatMap(ServiceView::loop).isPresent());

        cpu.put("shop_web", 2.0);
        list("shop_web", Map.of("rl-autoscaler.enable", "true", "rl-autoscaler.max-replicas", "2"));
        fleet.reconcile();
        await("shop_web's loop again, with its new label", () -> made.stream().filter("shop_web"::equals).count() == 2
                && view("shop_web").loop().isPresent());
        await("shop_web at its new max, 2", () -> replicas.get("shop_web").get() == 2);
        assertEquals(2, madeWith.get("shop_web").limits().max());

        listed.remove("shop_new");
        fleet.reconcile();
        assertTrue(fleet.find("shop_new").isEmpty(), "let go");
        await("its series gone, also those its last period wrote", () -> metrics.registry().scrape().stream()
                .flatMap(m -> m.getDataPoints().stream()).noneMatch(p -> "shop_new".equals(p.getLabels().get("service"))));
        assertEquals(List.of("shop_web", "shop_new", "shop_web"), made);
    }

    @Test
    void a_service_whose_orchestrator_hangs_holds_no_other() throws Exception {
        list("shop_hangs", Map.of("rl-autoscaler.enable", "true"));
        list("shop_web", Map.of("rl-autoscaler.enable", "true"));
        cpu.put("shop_web", 1.4);
        fleet().reconcile();
        Thread runner = Thread.ofVirtual().start(fleet::run);
        await("shop_web scaled to 2 while shop_hangs hangs", () -> replicas.get("shop_web").get() == 2);
        await("shop_web's periods go on", () -> view("shop_web").loop().orElseThrow().lastLoopEpochSeconds() > 0);
        assertEquals(0.0, view("shop_hangs").loop().map(ControlLoop::lastLoopEpochSeconds).orElse(0.0),
                "shop_hangs never finished a period");
        hung.countDown();
        fleet.stop(Duration.ofSeconds(10));
        runner.join(Duration.ofSeconds(10));
    }

    @Test
    void a_fleet_whose_thread_is_interrupted_stops_every_services_loop() throws Exception {
        list("shop_web", Map.of("rl-autoscaler.enable", "true"));
        fleet();
        Thread runner = Thread.ofVirtual().start(fleet::run);
        await("shop_web's periods", () -> fleet.find("shop_web").flatMap(ServiceView::loop)
                .map(ControlLoop::lastLoopEpochSeconds).orElse(0.0) > 0);
        runner.interrupt();
        runner.join(Duration.ofSeconds(30));
        assertFalse(runner.isAlive(), "the fleet's thread ended");
        double last = view("shop_web").loop().orElseThrow().lastLoopEpochSeconds();
        Thread.sleep(PERIOD.multipliedBy(10));
        assertEquals(last, view("shop_web").loop().orElseThrow().lastLoopEpochSeconds(), "no period after the fleet ended");
    }
}
