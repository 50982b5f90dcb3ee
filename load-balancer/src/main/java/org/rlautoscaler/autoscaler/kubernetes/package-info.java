/** The Kubernetes backend: a Deployment scaled through the API server (fabric8). */
package org.rlautoscaler.autoscaler.kubernetes;
