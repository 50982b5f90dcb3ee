/** Settings as every service reports them: a bad value names the setting, the value and what is accepted. */
package org.rlautoscaler.common.config;
