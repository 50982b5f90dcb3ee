/**
 * Measuring the real service to fit the simulated cluster's model: the open-model load stepped up
 * level by level on one instance or a scaled service ({@code Calibration}), what each level read
 * from the replicas' own metrics, the fit, and the check of a model at other levels.
 */
package org.rlautoscaler.autoscaler.calibration;
