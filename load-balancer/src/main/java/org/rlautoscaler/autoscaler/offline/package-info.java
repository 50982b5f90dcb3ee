/**
 * Work in the simulated cluster: training, evaluation, tuning {@code hpa-tuned}, the comparison of
 * agents seed by seed, and preparing the live loop's agent (loaded, or pre-trained first).
 */
package org.rlautoscaler.autoscaler.offline;
