/**
 * The autoscaler: agents that decide how many replicas a service needs, the simulated cluster
 * they train and are evaluated in, and the live loop that scales a Docker Swarm service or a
 * Kubernetes Deployment from Prometheus. {@link org.rlautoscaler.autoscaler.Main} lists the
 * commands; {@code catalog} is where the agents are known by name.
 */
package org.rlautoscaler.autoscaler;
