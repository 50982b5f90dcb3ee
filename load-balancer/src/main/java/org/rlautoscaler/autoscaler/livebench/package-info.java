/**
 * The policies compared on the real stack: the replay every policy gets, what Prometheus recorded
 * of each run, and the report that sets each live run against the simulated cluster's prediction.
 */
package org.rlautoscaler.autoscaler.livebench;
