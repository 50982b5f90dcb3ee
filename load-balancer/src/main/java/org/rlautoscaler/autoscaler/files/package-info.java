/** Files written so that a crash leaves the old one or the new one, never half of either. */
package org.rlautoscaler.autoscaler.files;
