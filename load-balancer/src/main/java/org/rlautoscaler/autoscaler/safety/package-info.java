/**
 * The safety chain after the agent, as the HPA controller orders it: limits, largest step,
 * cooldown, scale-down stabilisation and the fallback, each step with its reason.
 */
package org.rlautoscaler.autoscaler.safety;
