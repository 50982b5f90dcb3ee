package org.rlautoscaler.autoscaler.live.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rlautoscaler.autoscaler.live.ControlLoop;

/** The services the autoscaler's port reports on: the loops of a fleet, or one loop. */
public interface Services {
    /** Every service, by key. */
    List<ServiceView> all();

    /** The service {@code key}, if there is one. */
    default Optional<ServiceView> find(String key) {
        return all().stream().filter(view -> view.key().equals(key)).findFirst();
    }

    /** True when the services opt in by labels: the page at / lists them. */
    boolean byLabels();

    /** Why the services cannot be listed now, if they cannot. */
    Optional<String> problem();

    /** When the last period (of the listing, or of the one loop) finished, Unix time in seconds; 0: none yet. */
    double lastPeriodEpochSeconds();

    /** When it started, Unix time in seconds: /health's reference before the first period. */
    double startedEpochSeconds();

    /** One loop, for one service, named {@code key}. */
    static Services of(String key, ControlLoop loop) {
        ServiceView view = new ServiceView(key, "", Map.of(), loop.status(), Optional.of(loop));
        return new Services() {
            @Override
            public List<ServiceView> all() {
                return List.of(view);
            }

            @Override
            public boolean byLabels() {
                return false;
            }

            @Override
            public Optional<String> problem() {
                return Optional.empty();
            }

            @Override
            public double lastPeriodEpochSeconds() {
                return loop.lastLoopEpochSeconds();
            }

            @Override
            public double startedEpochSeconds() {
                return loop.startedEpochSeconds();
            }
        };
    }
}
