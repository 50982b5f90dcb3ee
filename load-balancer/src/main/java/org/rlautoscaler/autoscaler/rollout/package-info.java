/** The single rollout loop (observe, act, safety chain, step, learn) that training, evaluation and the live loop share. */
package org.rlautoscaler.autoscaler.rollout;
