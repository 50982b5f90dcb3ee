/**
 * The rules the learners are measured against: the Kubernetes HPA's (at a set target, or tuned on
 * the training load), a CPU and RAM threshold, a fixed count, and the oracle, which knows the load
 * to come and exists only in simulation.
 */
package org.rlautoscaler.autoscaler.agent.rules;
