package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Whether a Deployment, StatefulSet or DaemonSet has finished rolling out its current template, by the rules of
 * {@code kubectl rollout status}: the controller saw the latest generation, every replica runs the new template,
 * none of the old ones is left, and the new ones are available (ready, for a StatefulSet).
 */
final class RolloutStatus {

    private RolloutStatus() {
    }

    /** Null when complete, otherwise what it is still waiting for. */
    static String pending(ObjectNode workload) {
        JsonNode status = workload.path("status");
        long generation = workload.path("metadata").path("generation").asLong();
        if (status.path("observedGeneration").asLong() < generation) {
            return "the controller has not seen generation " + generation + " yet";
        }
        return switch (workload.path("kind").asText()) {
            case "Deployment" -> withReplicaFailure(deployment(workload.path("spec"), status), status);
            case "StatefulSet" -> statefulSet(workload.path("spec"), status);
            case "DaemonSet" -> daemonSet(status);
            default -> null;
        };
    }

    /** A StatefulSet or DaemonSet updated on pod deletion only: a restart replaces nothing by itself. */
    static boolean updatesOnDeleteOnly(ObjectNode workload) {
        return "OnDelete".equals(workload.path("spec").path("updateStrategy").path("type").asText());
    }

    private static String deployment(JsonNode spec, JsonNode status) {
        long replicas = spec.path("replicas").asLong(1);
        long updated = status.path("updatedReplicas").asLong();
        if (updated < replicas) {
            return updated + " of " + replicas + " replicas updated";
        }
        if (status.path("replicas").asLong() > updated) {
            return (status.path("replicas").asLong() - updated) + " old replicas pending termination";
        }
        long available = status.path("availableReplicas").asLong();
        return available < updated ? available + " of " + updated + " updated replicas available" : null;
    }

    /**
     * A Deployment whose ReplicaSet cannot create pods (an admission webhook that is down and fails closed, a quota)
     * says why in its ReplicaFailure condition: the waiting is then for that to be fixed.
     */
    private static String withReplicaFailure(String pending, JsonNode status) {
        if (pending == null) {
            return null;
        }
        for (JsonNode condition : status.path("conditions")) {
            if ("ReplicaFailure".equals(condition.path("type").asText())
                    && "True".equals(condition.path("status").asText())) {
                return pending + "; pods cannot be created: " + condition.path("message").asText();
            }
        }
        return pending;
    }

    private static String statefulSet(JsonNode spec, JsonNode status) {
        long replicas = spec.path("replicas").asLong(1);
        long partition = spec.path("updateStrategy").path("rollingUpdate").path("partition").asLong(0);
        long ready = status.path("readyReplicas").asLong();
        if (ready < replicas) {
            return ready + " of " + replicas + " replicas ready";
        }
        long updated = status.path("updatedReplicas").asLong();
        if (updated < replicas - partition) {
            return updated + " of " + (replicas - partition) + " replicas updated";
        }
        boolean sameRevision = status.path("updateRevision").asText().equals(status.path("currentRevision").asText());
        return partition == 0 && !sameRevision ? "the update revision is not current yet" : null;
    }

    private static String daemonSet(JsonNode status) {
        long desired = status.path("desiredNumberScheduled").asLong();
        long updated = status.path("updatedNumberScheduled").asLong();
        if (updated < desired) {
            return updated + " of " + desired + " pods updated";
        }
        long available = status.path("numberAvailable").asLong();
        return available < desired ? available + " of " + desired + " updated pods available" : null;
    }
}
