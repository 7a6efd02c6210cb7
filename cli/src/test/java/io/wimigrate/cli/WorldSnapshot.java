package io.wimigrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wimigrate.azure.emulator.AzureEmulator;
import io.wimigrate.azure.emulator.AzureState;
import io.wimigrate.azure.emulator.ManagedIdentity;
import io.wimigrate.executor.kube.SecretBackups;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Everything a migration may touch, object by object, in a form two states can be compared in: the Kubernetes objects
 * of the workloads' namespaces and of pod identity, and the Azure identities, federated credentials and role
 * assignments. Server-set fields (resourceVersion, uid, managedFields, status, ...) and rollout-restart annotations are
 * left out, as the issue says rollback ignores them; Secret values are replaced by their hash so a failed comparison
 * never prints one.
 */
record WorldSnapshot(SortedMap<String, String> objects) {

    private static final List<String[]> NAMESPACED = List.of(
            new String[] {"v1", "ServiceAccount"}, new String[] {"v1", "Secret"}, new String[] {"v1", "ConfigMap"},
            new String[] {"v1", "Pod"}, new String[] {"apps/v1", "Deployment"}, new String[] {"apps/v1", "StatefulSet"},
            new String[] {"apps/v1", "DaemonSet"}, new String[] {"batch/v1", "CronJob"},
            new String[] {"aadpodidentity.k8s.io/v1", "AzureIdentity"},
            new String[] {"aadpodidentity.k8s.io/v1", "AzureIdentityBinding"},
            new String[] {"aadpodidentity.k8s.io/v1", "AzurePodIdentityException"});
    private static final List<String[]> CLUSTER_SCOPED = List.of(
            new String[] {"apiextensions.k8s.io/v1", "CustomResourceDefinition"},
            new String[] {"rbac.authorization.k8s.io/v1", "ClusterRole"},
            new String[] {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"});
    /** The cluster's own, and the tool's lock and journal, which exist to outlive a rollback. */
    private static final Set<String> IGNORED_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease",
            "wimigrate-system");
    private static final Set<String> SERVER_SET = Set.of("resourceVersion", "uid", "creationTimestamp", "generation",
            "managedFields", "selfLink");
    private static final Set<String> RESTART_ANNOTATIONS = Set.of("kubectl.kubernetes.io/restartedAt",
            "deployment.kubernetes.io/revision");
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    static WorldSnapshot of(KubernetesClient kube, AzureEmulator azure) {
        SortedMap<String, String> objects = new TreeMap<>();
        for (String[] type : NAMESPACED) {
            for (GenericKubernetesResource object : list(() -> kube.genericKubernetesResources(type[0], type[1])
                    .inAnyNamespace().list().getItems())) {
                if (!IGNORED_NAMESPACES.contains(object.getMetadata().getNamespace()) && !controllerMade(object)) {
                    put(objects, object);
                }
            }
        }
        for (String[] type : CLUSTER_SCOPED) {
            for (GenericKubernetesResource object : kube.genericKubernetesResources(type[0], type[1]).list()
                    .getItems()) {
                if (!object.getMetadata().getName().startsWith("system:")
                        && !"rbac-defaults".equals(label(object, "kubernetes.io/bootstrapping"))) {
                    put(objects, object);
                }
            }
        }
        AzureState state = azure.state();
        for (ManagedIdentity identity : state.identities()) {
            objects.put("azure:" + identity.id().toLowerCase(), identity.location() + " clientId=" + identity.clientId()
                    + " tags=" + new TreeMap<>(identity.tags()));
            state.federatedCredentials(identity.id()).forEach(fic -> objects.put("azure:" + identity.id().toLowerCase()
                    + "/fic/" + fic.name(), fic.issuer() + " " + fic.subject() + " " + fic.audiences()));
        }
        state.applications().forEach(app -> state.applicationFederatedCredentials(app.id()).forEach(fic -> objects.put(
                "azure:app/" + app.appId() + "/fic/" + fic.name(), fic.issuer() + " " + fic.subject())));
        state.roleAssignments().forEach(assignment -> objects.put("azure:role-assignment " + assignment.principalId()
                + " " + assignment.roleDefinitionId() + " " + assignment.scope().toLowerCase(), "assigned"));
        return new WorldSnapshot(objects);
    }

    /**
     * This snapshot as it compares with another world seeded alike, by naming what each world makes up for itself:
     * its cluster's issuer URL (federated credentials name it) and CA (every namespace's {@code kube-root-ca.crt}),
     * the random client and principal ids Azure gives each identity and service principal (in annotations, env and
     * role assignments), and when a backup Secret was made.
     */
    WorldSnapshot acrossWorlds(String issuer, AzureEmulator azure) {
        Map<String, String> names = new TreeMap<>(Map.of(issuer, "<issuer>"));
        AzureState state = azure.state();
        state.identities().forEach(identity -> {
            names.put(identity.clientId(), "<client id of " + identity.name() + ">");
            names.put(identity.principalId(), "<principal id of " + identity.name() + ">");
        });
        state.servicePrincipals().forEach(principal -> names.put(principal.id(), "<object id of service principal "
                + principal.displayName() + ">"));
        SortedMap<String, String> named = new TreeMap<>();
        objects.forEach((key, value) -> named.put(replace(key, names), key.startsWith("v1 ConfigMap ")
                && key.endsWith("/kube-root-ca.crt") ? "<the cluster's CA>"
                : replace(value, names).replaceAll("\"" + SecretBackups.BACKED_UP_AT + "\":\"[^\"]*\"",
                        "\"" + SecretBackups.BACKED_UP_AT + "\":\"<time>\"")));
        return new WorldSnapshot(named);
    }

    private static String replace(String text, Map<String, String> names) {
        String result = text;
        for (Map.Entry<String, String> name : names.entrySet()) {
            result = result.replace(name.getKey(), name.getValue());
        }
        return result;
    }

    /** The objects of one kind; none when the kind is not served (pod identity's, once its CRDs are removed). */
    private static List<GenericKubernetesResource> list(Supplier<List<GenericKubernetesResource>> objects) {
        try {
            return objects.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    private static boolean controllerMade(GenericKubernetesResource object) {
        return "Pod".equals(object.getKind()) && !object.getMetadata().getOwnerReferences().isEmpty();
    }

    private static String label(GenericKubernetesResource object, String key) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

    private static void put(SortedMap<String, String> objects, GenericKubernetesResource object) {
        ObjectNode node = JSON.convertValue(object, ObjectNode.class);
        ObjectNode metadata = (ObjectNode) node.get("metadata");
        metadata.remove(SERVER_SET);
        node.remove("status");
        stripRestart(metadata);
        if (node.at("/spec/template/metadata") instanceof ObjectNode template) {
            stripRestart(template);
        }
        if (node.at("/spec/jobTemplate/spec/template/metadata") instanceof ObjectNode template) {
            stripRestart(template);
        }
        if ("Pod".equals(object.getKind()) && node.get("spec") instanceof ObjectNode spec) {
            stripScheduling(spec);
        }
        if ("Secret".equals(object.getKind()) && node.get("data") instanceof ObjectNode data) {
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                entry.setValue(data.textNode("sha256:" + sha256(entry.getValue().asText())));
            }
        }
        String namespace = object.getMetadata().getNamespace();
        objects.put(object.getApiVersion() + " " + object.getKind() + " " + (namespace == null ? "" : namespace + "/")
                + object.getMetadata().getName(), JSON.asJson(node));
    }

    /**
     * A bare Pod that was recreated lands on whichever node the scheduler picks, and its API token volume gets a new
     * random name: neither is the pod's own configuration.
     */
    private static void stripScheduling(ObjectNode spec) {
        spec.remove("nodeName");
        removeTokenVolumes(spec.get("volumes"));
        for (String containers : List.of("containers", "initContainers")) {
            if (spec.get(containers) != null) {
                spec.get(containers).forEach(container -> removeTokenVolumes(container.get("volumeMounts")));
            }
        }
    }

    private static void removeTokenVolumes(JsonNode volumes) {
        if (volumes != null) {
            for (Iterator<JsonNode> it = volumes.elements(); it.hasNext();) {
                if (it.next().path("name").asText().startsWith("kube-api-access-")) {
                    it.remove();
                }
            }
        }
    }

    private static void stripRestart(ObjectNode metadata) {
        if (metadata.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(RESTART_ANNOTATIONS);
            if (annotations.isEmpty()) {
                metadata.remove("annotations");
            }
        }
        if (metadata.get("labels") instanceof ObjectNode labels && labels.isEmpty()) {
            metadata.remove("labels");
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
