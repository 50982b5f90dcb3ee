/** The reward functions: the original designs' and the SLO-and-cost reward of {@code qlearning}. */
package org.rlautoscaler.autoscaler.reward;
