package org.rlautoscaler.autoscaler.kubernetes;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;

/**
 * Which pods count as running replicas: the ones a Service would send traffic to. A pod that is
 * Running but not yet Ready (still starting, or failing its readiness probe) serves nothing, and
 * one with a deletion timestamp is draining: counting either would make the agent believe it has
 * capacity it does not.
 */
final class ReadyPods {
    private ReadyPods() {}

    /**
     * The labels the Deployment finds its own pods by ({@code spec.selector.matchLabels}); empty
     * where it has none. They match the pods of every revision of the Deployment (mid-rollout,
     * old and new ReplicaSets both serve), and no other pods unless selectors overlap, which
     * Kubernetes warns against.
     */
    static Map<String, String> selectorOf(Deployment deployment) {
        LabelSelector selector = deployment.getSpec() == null ? null : deployment.getSpec().getSelector();
        Map<String, String> labels = selector == null ? null : selector.getMatchLabels();
        return labels == null ? Map.of() : labels;
    }

    /** True where the pod is Running, has condition Ready=True, and is not being deleted. */
    static boolean isServing(Pod pod) {
        if (pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
            return false;
        }
        if (pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition condition : pod.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }
}
