package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A bare Pod's spec cannot change, and admission webhooks act only when a pod is created: a bare Pod is changed by
 * deleting it and creating it again from its manifest. The copy leaves out what the API server and its admission
 * plugins add at creation (the ServiceAccount token volume, the node, and the workload identity webhook's env,
 * token volume and proxy sidecar), so they are added again for what the pod says now. Handlers record the manifest
 * ({@link #record}) before they recreate, so a crash between the delete and the create is repaired from the journal.
 */
final class PodRecreation {

    static final String PRIOR_FIELD = "pod";
    /** The webhook's token volume: a fixed name in older releases, a reserved prefix since. */
    private static final String TOKEN_VOLUME = "azure-identity-token";
    private static final String TOKEN_VOLUME_PREFIX = "azure-workload-identity-reserved-";
    private static final Set<String> WEBHOOK_ENV = Set.of("AZURE_CLIENT_ID", "AZURE_TENANT_ID",
            "AZURE_FEDERATED_TOKEN_FILE", "AZURE_AUTHORITY_HOST");
    private static final Set<String> WEBHOOK_CONTAINERS = Set.of("azwi-proxy", "azwi-proxy-init");

    private PodRecreation() {
    }

    /** The manifest to keep in the prior state, checked for literal credentials. */
    static ObjectNode record(KubeObject pod, ObjectNode live) {
        PodSpecs.requireNoLiteralSecret(pod, (ObjectNode) live.path("spec"));
        return Json.manifest(live, false);
    }

    /**
     * Deletes {@code live} (null when a crash already deleted it) and creates the pod again from it, or from
     * {@code recorded} when it is gone, with {@code change} applied to the copy. The delete holds the resourceVersion
     * read: when the pod changed meanwhile (its status does as it is scheduled and started), it is read again and the
     * copy made from what is there now. Returns the created pod.
     */
    static ObjectNode recreate(StepContext context, KubeObject pod, ObjectNode live, ObjectNode recorded,
                               Consumer<ObjectNode> change) {
        ObjectNode source = live != null ? live : recorded;
        if (source == null || source.isEmpty()) {
            throw new StepFailedException(pod.display() + " not found and no copy recorded to create it from");
        }
        context.log().accept("warning: " + pod.display() + " is a bare Pod: it is deleted and created again from"
                + " its spec (no controller recreates it)");
        boolean existed = live != null;
        ObjectNode current = live;
        ObjectNode manifest = creatable(source, change);
        for (int attempt = 1; current != null && !deleted(context, pod, current, manifest, attempt); attempt++) {
            context.log().accept(pod.display() + " changed while being recreated; reading it again");
            current = pod.read(context).orElse(null);
            manifest = current == null ? manifest : creatable(current, change);
        }
        if (existed) {
            if (context.dryRun()) {
                return manifest; // the pod still exists, so a dry-run create would only report a name clash
            }
            pod.awaitDeleted(context, context.timeouts().rollout());
        }
        return pod.create(context, manifest);
    }

    /** Deletes the pod if it is still as read; false when it changed meanwhile (409), except on the last attempt. */
    private static boolean deleted(StepContext context, KubeObject pod, ObjectNode live, ObjectNode manifest,
                                   int attempt) {
        pod.requireCreatable(context, manifest);
        try {
            pod.delete(context, Json.text(live.path("metadata"), "resourceVersion"));
            return true;
        } catch (StepFailedException e) {
            if (!KubeObject.isConflict(e) || attempt == OptimisticEdit.ATTEMPTS) {
                throw e;
            }
            return false;
        }
    }

    /** Whether the workload identity webhook mutated the pod when it was created. */
    static boolean mutated(ObjectNode pod) {
        for (JsonNode volume : pod.path("spec").path("volumes")) {
            if (isTokenVolume(volume.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode creatable(ObjectNode pod, Consumer<ObjectNode> change) {
        ObjectNode manifest = creatable(pod);
        change.accept(manifest);
        return manifest;
    }

    private static ObjectNode creatable(ObjectNode pod) {
        ObjectNode manifest = Json.manifest(pod, false);
        ObjectNode spec = (ObjectNode) manifest.path("spec");
        spec.remove("nodeName");
        boolean injected = mutated(manifest);
        if (spec.get("volumes") instanceof ArrayNode volumes) {
            removeIf(volumes, v -> isAdmissionVolume(v.path("name").asText()));
        }
        for (String list : new String[] {"initContainers", "containers"}) {
            if (spec.get(list) instanceof ArrayNode containers) {
                removeIf(containers, c -> injected && WEBHOOK_CONTAINERS.contains(c.path("name").asText()));
            }
        }
        for (ObjectNode container : PodSpecs.containers(spec)) {
            if (container.get("volumeMounts") instanceof ArrayNode mounts) {
                removeIf(mounts, m -> isAdmissionVolume(m.path("name").asText()));
            }
            if (injected && container.get("env") instanceof ArrayNode env) {
                removeIf(env, e -> WEBHOOK_ENV.contains(e.path("name").asText()));
            }
        }
        return manifest;
    }

    private static boolean isAdmissionVolume(String name) {
        return name.startsWith("kube-api-access-") || isTokenVolume(name);
    }

    private static boolean isTokenVolume(String name) {
        return TOKEN_VOLUME.equals(name) || name.startsWith(TOKEN_VOLUME_PREFIX);
    }

    private static void removeIf(ArrayNode array, java.util.function.Predicate<JsonNode> test) {
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            if (test.test(it.next())) {
                it.remove();
            }
        }
    }
}
