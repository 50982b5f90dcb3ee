/** The charts: runs, learning curves, the comparison of policies and live runs against their prediction. */
package org.rlautoscaler.autoscaler.plots;
