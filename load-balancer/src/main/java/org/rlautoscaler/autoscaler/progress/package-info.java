/** How long work tells how far it has come, without knowing how that is shown. */
package org.rlautoscaler.autoscaler.progress;
