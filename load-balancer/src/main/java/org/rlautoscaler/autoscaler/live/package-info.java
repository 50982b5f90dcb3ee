/**
 * The live control loop: one period at a time through the same rollout as offline, holding and
 * saying why when metrics or the orchestrator fail, with its own metrics, conditions, history and
 * journal of decisions.
 */
package org.rlautoscaler.autoscaler.live;
