/**
 * How a run is scored: elasticity metrics (SLO violations, replica-hours, under- and
 * over-provisioning, instability), intervals over seeds, the tables and {@code results.csv}.
 */
package org.rlautoscaler.autoscaler.metrics;
