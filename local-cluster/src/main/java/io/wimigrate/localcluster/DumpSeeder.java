package io.wimigrate.localcluster;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceValidationBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Loads a dump of a cluster ({@code kubectl get -o yaml|json} output, such as {@code examples/cluster}) into a live
 * cluster. Objects that controllers make (Pods, ReplicaSets and Jobs that have an owner) are left for the real
 * controllers to create; server-set metadata is dropped (the API server ignores status where a status subresource
 * exists; custom resources without one, like AzureAssignedIdentity, keep theirs); CRDs and Namespaces go first.
 */
public final class DumpSeeder {

    /** Made by a controller when they have an owner; seeded when they stand alone. */
    private static final Set<String> OWNED_IS_CONTROLLER_MADE = Set.of("Pod", "ReplicaSet", "Job",
            "ControllerRevision");
    /** Always the cluster's own doing: kwok provides the nodes. */
    private static final Set<String> NEVER_SEEDED = Set.of("Endpoints", "EndpointSlice", "Event", "Node", "Lease");
    private static final Set<String> BUILT_IN_NAMESPACES = Set.of("default", "kube-system", "kube-public",
            "kube-node-lease");
    private static final String FIELD_MANAGER = "wimigrate-seed";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private DumpSeeder() {
    }

    /** Applies every object of {@code dumpDir} that a controller does not create; returns what it applied. */
    public static List<HasMetadata> seed(KubernetesClient client, Path dumpDir) {
        List<HasMetadata> objects = load(dumpDir).stream()
                .filter(DumpSeeder::seeded)
                .sorted(Comparator.comparingInt(DumpSeeder::rank))
                .toList();
        for (HasMetadata object : objects) {
            strip(object);
            if (object instanceof CustomResourceDefinition crd) {
                makeCreatable(crd);
            }
            client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            if (object instanceof CustomResourceDefinition crd) {
                client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                        .waitUntilCondition(c -> c != null && c.getStatus() != null
                                && c.getStatus().getConditions() != null && c.getStatus().getConditions()
                                .stream().anyMatch(s -> "Established".equals(s.getType())
                                        && "True".equals(s.getStatus())), 30, TimeUnit.SECONDS);
            }
        }
        objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .forEach(set -> provideVolumes(client, set));
        return objects;
    }

    /**
     * The cluster has no storage provisioner: a StatefulSet's claims get a hostPath volume each, bound to the claim
     * the controller will make, so its pods schedule as they did on the real cluster.
     */
    private static void provideVolumes(KubernetesClient client, StatefulSet set) {
        String namespace = set.getMetadata().getNamespace();
        int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
            for (int ordinal = 0; ordinal < replicas; ordinal++) {
                String claim = template.getMetadata().getName() + "-" + set.getMetadata().getName() + "-" + ordinal;
                client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata()
                        .withName(namespace + "-" + claim).endMetadata()
                        .withNewSpec()
                        .withCapacity(template.getSpec().getResources().getRequests())
                        .withAccessModes(template.getSpec().getAccessModes())
                        .withStorageClassName(template.getSpec().getStorageClassName())
                        .withNewHostPath().withPath("/tmp/" + namespace + "-" + claim).endHostPath()
                        .withNewClaimRef().withNamespace(namespace).withName(claim).endClaimRef()
                        .endSpec().build()).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            }
        }
    }

    private static List<HasMetadata> load(Path dumpDir) {
        List<HasMetadata> objects = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dumpDir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(DumpSeeder::manifest).sorted().toList()) {
                try (MappingIterator<Object> documents = YAML.readerFor(Object.class)
                        .readValues(Files.readString(file))) {
                    while (documents.hasNext()) {
                        collect(documents.next(), objects);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dump " + dumpDir, e);
        }
        return objects;
    }

    private static void collect(Object document, List<HasMetadata> into) {
        if (!(document instanceof Map<?, ?> map) || !map.containsKey("kind") || !map.containsKey("apiVersion")) {
            return; // not a Kubernetes object, e.g. the OIDC discovery document
        }
        KubernetesResource object = SERIALIZATION.convertValue(map, KubernetesResource.class);
        if (object instanceof KubernetesList list) {
            list.getItems().forEach(item -> collect(SERIALIZATION.convertValue(item, Map.class), into));
        } else if (object instanceof GenericKubernetesResource generic && generic.getKind().endsWith("List")
                && generic.getAdditionalProperties().get("items") instanceof List<?> items) {
            items.forEach(item -> collect(item, into));
        } else if (object instanceof HasMetadata resource) {
            into.add(resource);
        }
    }

    private static boolean manifest(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static boolean seeded(HasMetadata object) {
        boolean owned = object.getMetadata().getOwnerReferences() != null
                && !object.getMetadata().getOwnerReferences().isEmpty();
        if (NEVER_SEEDED.contains(object.getKind()) || owned && OWNED_IS_CONTROLLER_MADE.contains(object.getKind())) {
            return false;
        }
        return !("Namespace".equals(object.getKind()) && BUILT_IN_NAMESPACES.contains(object.getMetadata().getName()));
    }

    private static int rank(HasMetadata object) {
        return switch (object.getKind()) {
            case "CustomResourceDefinition" -> 0;
            case "Namespace" -> 1;
            case "ServiceAccount", "Secret", "ConfigMap", "ClusterRole", "Role" -> 2;
            case "ClusterRoleBinding", "RoleBinding" -> 3;
            default -> 4;
        };
    }

    /**
     * A dump can show CRDs that were created as v1beta1 long ago (no schema, {@code preserveUnknownFields: true}, a
     * {@code *.k8s.io} group without approval): served still, but refused if created today. Give them the
     * schema that keeps every field, so objects with legacy field names survive, and mark the group unapproved.
     */
    private static void makeCreatable(CustomResourceDefinition crd) {
        crd.getSpec().setPreserveUnknownFields(null);
        crd.getSpec().getVersions().stream().filter(version -> version.getSchema() == null)
                .forEach(version -> version.setSchema(new CustomResourceValidationBuilder().withNewOpenAPIV3Schema()
                        .withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema()
                        .build()));
        if (crd.getSpec().getGroup().endsWith(".k8s.io")) {
            crd.getMetadata().getAnnotations().putIfAbsent("api-approved.kubernetes.io",
                    "unapproved, seeded from a dump by wimigrate");
        }
    }

    private static void strip(HasMetadata object) {
        ObjectMeta metadata = object.getMetadata();
        metadata.setUid(null);
        metadata.setResourceVersion(null);
        metadata.setCreationTimestamp(null);
        metadata.setManagedFields(null);
        metadata.setGeneration(null);
        metadata.setSelfLink(null);
        metadata.setOwnerReferences(null);
        if (object instanceof Pod pod) {
            pod.setStatus(null);
            pod.getSpec().setNodeName(null); // the dump's nodes do not exist here; the scheduler picks a kwok node
        }
    }
}
