/**
 * Many services, one autoscaler: the services that opt in with labels ({@code rl-autoscaler.*}
 * on a Swarm service, annotations on a Kubernetes Deployment) are discovered every period, each
 * gets its own settings from its labels, its own loop, agent, files and conditions, and one
 * Prometheus query per metric serves all of them.
 */
package org.rlautoscaler.autoscaler.fleet;
