/**
 * The commands ({@code demo}, {@code train}, {@code evaluate}, {@code run}, {@code watch},
 * {@code calibrate}, {@code compare-live}) and the option groups they share. A command reads its
 * options, calls one procedure of the packages below, and prints; progress is shown here.
 */
package org.rlautoscaler.autoscaler.cli;
