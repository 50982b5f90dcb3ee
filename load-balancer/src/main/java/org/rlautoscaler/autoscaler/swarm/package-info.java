/** The Docker Swarm backend: a service found by name or stack and scaled through the engine (docker-java). */
package org.rlautoscaler.autoscaler.swarm;
