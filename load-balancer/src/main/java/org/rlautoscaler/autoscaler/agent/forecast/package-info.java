/**
 * Forecasts of the load from its own history: seasonal profiles of the day and of the week with
 * a level and a trend (Holt-Winters, in logarithms), and a measure of how far each kind of
 * forecast deserves to be trusted, from how well it predicted lately.
 */
package org.rlautoscaler.autoscaler.agent.forecast;
