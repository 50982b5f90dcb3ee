/** Small numerical helpers: isotonic regression, the median. */
package org.rlautoscaler.autoscaler.math;
