/**
 * What every agent is: the {@link org.rlautoscaler.autoscaler.agent.Agent} interface (act on an
 * observation, learn from a transition, save and load what was learnt) and the values it passes:
 * decisions, transitions, learning settings and status, what it expects of each action; and
 * {@link org.rlautoscaler.autoscaler.agent.Forecasting}, an agent that forecasts the load from
 * its history. The agents themselves live in the sub-packages: {@code headroom} (our learner),
 * {@code original} (the two original Q-tables), {@code rules} (the baselines); {@code forecast}
 * holds the forecast our learner keeps.
 */
package org.rlautoscaler.autoscaler.agent;
