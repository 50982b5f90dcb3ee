/**
 * The autoscaler's HTTP port: {@code /metrics} for Prometheus, {@code /health} and {@code /ready}
 * for the orchestrator, {@code /api/*} and the agent's page for people.
 */
package org.rlautoscaler.autoscaler.live.server;
