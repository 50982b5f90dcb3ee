/**
 * The one place that knows the agents by name: {@link org.rlautoscaler.autoscaler.catalog.AgentKind}
 * (name, whether it learns, reward, hyperparameters, default episodes, description) builds any of
 * them from an {@link org.rlautoscaler.autoscaler.catalog.AgentContext}. Adding an agent is a
 * constant there, its class and its test.
 */
package org.rlautoscaler.autoscaler.catalog;
