/**
 * The tabular Q-learning the original designs share: a Q-table over an encoded state, its update
 * rules (the textbook one and the original's), epsilon-greedy exploration and the table's file.
 */
package org.rlautoscaler.autoscaler.agent.original.qtable;
