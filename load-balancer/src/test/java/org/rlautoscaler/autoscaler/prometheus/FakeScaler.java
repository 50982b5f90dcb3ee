package org.rlautoscaler.autoscaler.prometheus;

import org.rlautoscaler.autoscaler.env.ReplicaScaler;

/** A scaler that reports fixed replica counts and refuses to scale. */
record FakeScaler(int desiredReplicas, int runningReplicas) implements ReplicaScaler {
    @Override
    public void scaleTo(int replicas) {
        throw new UnsupportedOperationException("the metrics source must not scale, asked for " + replicas);
    }
}
