package org.rlautoscaler.autoscaler.env;

/** What gets scaled: a simulated service, a Docker Swarm service, a Kubernetes Deployment. */
public interface ReplicaScaler {
    /** Replicas the service is asked to run. */
    int desiredReplicas();

    /** Replicas running now. */
    int runningReplicas();

    /** Asks the service to run {@code replicas} replicas. */
    void scaleTo(int replicas);
}
