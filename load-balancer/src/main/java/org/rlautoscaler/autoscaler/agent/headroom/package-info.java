/**
 * {@code qlearning}: the headroom learner. It learns, per load regime, how much headroom above the
 * replicas a load needs keeps the latency objective at the least cost, as options of several
 * periods, and saves what it learnt as JSON ({@code QLearningStore}).
 */
package org.rlautoscaler.autoscaler.agent.headroom;
