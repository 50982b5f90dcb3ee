/** What the services that serve HTTP share: errors as JSON, also those Jetty answers itself. */
package org.rlautoscaler.common.http;
