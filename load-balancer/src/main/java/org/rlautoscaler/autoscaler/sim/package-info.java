/**
 * The simulated cluster: the service model fitted by {@code calibrate}, the workloads made from
 * traces, training mixes, and the clock that paces a simulation to the wall for {@code watch}.
 */
package org.rlautoscaler.autoscaler.sim;
