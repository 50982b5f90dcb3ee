package org.rlautoscaler.autoscaler.live;

import org.rlautoscaler.autoscaler.env.ReplicaScaler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DRY_RUN: reads the real replica counts, decides as usual, and logs what it would ask for
 * instead of asking.
 */
public final class DryRunScaler implements ReplicaScaler {
    private static final Logger log = LoggerFactory.getLogger(DryRunScaler.class);
    private final ReplicaScaler real;

    public DryRunScaler(ReplicaScaler real) {
        this.real = real;
    }

    @Override
    public int desiredReplicas() {
        return real.desiredReplicas();
    }

    @Override
    public int runningReplicas() {
        return real.runningReplicas();
    }

    @Override
    public void scaleTo(int replicas) {
        if (replicas != real.desiredReplicas()) {
            log.info("Dry run: would scale to {} replicas (service asks for {})", replicas, real.desiredReplicas());
        }
    }
}
