package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.wimigrate.scanner.model.AssignedIdentity;
import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.AzureIdentityBinding;
import io.wimigrate.scanner.model.Diagnostic;
import io.wimigrate.scanner.model.IdentityType;
import io.wimigrate.scanner.model.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The AAD Pod Identity custom resources of a snapshot, read into the model. Field names are matched
 * case-insensitively: manifests older than v1.6 spell them {@code ResourceID}, {@code Selector}, {@code PodLabels}.
 */
record PodIdentityObjects(List<AzureIdentity> identities, List<AzureIdentityBinding> bindings,
                          List<RawException> exceptions, List<AssignedIdentity> assigned,
                          List<Diagnostic> diagnostics) {

    static final String GROUP = "aadpodidentity.k8s.io";
    static final String BEHAVIOR_ANNOTATION = "aadpodidentity.k8s.io/Behavior";

    /** An AzurePodIdentityException before its workloads are known. */
    record RawException(ObjectRef ref, SortedMap<String, String> podLabels) {
    }

    static PodIdentityObjects read(String cluster, List<HasMetadata> objects, OwnershipDetector ownership) {
        List<AzureIdentity> identities = new ArrayList<>();
        List<AzureIdentityBinding> bindings = new ArrayList<>();
        List<RawException> exceptions = new ArrayList<>();
        List<AssignedIdentity> assigned = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (!(object instanceof GenericKubernetesResource resource) || !isPodIdentity(resource)) {
                continue;
            }
            Map<String, Object> spec = map(field(resource.getAdditionalProperties(), "spec"));
            ObjectRef ref = Meta.ref(resource);
            switch (resource.getKind()) {
                case "AzureIdentity" -> identities.add(identity(cluster, resource, ref, spec, ownership, diagnostics));
                case "AzureIdentityBinding" -> bindings.add(new AzureIdentityBinding(ref,
                        string(spec, "azureIdentity"), string(spec, "selector"), integer(spec, "weight"),
                        ownership.of(resource)));
                case "AzurePodIdentityException" -> exceptions.add(new RawException(ref,
                        new TreeMap<>(stringMap(field(spec, "podLabels")))));
                case "AzureAssignedIdentity" -> assigned.add(assignedIdentity(resource, ref, spec));
                default -> { }
            }
        }
        identities.sort((a, b) -> a.ref().compareTo(b.ref()));
        bindings.sort((a, b) -> a.ref().compareTo(b.ref()));
        exceptions.sort((a, b) -> a.ref().compareTo(b.ref()));
        assigned.sort((a, b) -> a.ref().compareTo(b.ref()));
        return new PodIdentityObjects(identities, bindings, exceptions, assigned, diagnostics);
    }

    static boolean isPodIdentity(HasMetadata object) {
        return object.getApiVersion() != null && object.getApiVersion().startsWith(GROUP + "/");
    }

    private static AzureIdentity identity(String cluster, GenericKubernetesResource resource, ObjectRef ref, Map<String, Object> spec,
                                          OwnershipDetector ownership, List<Diagnostic> diagnostics) {
        IdentityType type = null;
        Integer code = integer(spec, "type");
        if (code == null && field(spec, "type") != null) {
            diagnostics.add(Diagnostic.warning(cluster, ref.display(), "spec.type is not a number"));
        } else {
            try {
                type = IdentityType.ofCode(code == null ? 0 : code);
            } catch (IllegalArgumentException e) {
                diagnostics.add(Diagnostic.warning(cluster, ref.display(), e.getMessage()));
            }
        }
        Map<String, Object> password = map(field(spec, "clientPassword"));
        AzureIdentity.SecretRef secret = password.isEmpty() ? null : new AzureIdentity.SecretRef(
                orDefault(string(password, "namespace"), ref.namespace()), string(password, "name"));
        boolean namespaced = "namespaced".equals(Meta.annotations(resource).get(BEHAVIOR_ANNOTATION));
        return new AzureIdentity(ref, type, string(spec, "resourceID"), string(spec, "clientID"),
                string(spec, "tenantID"), secret, namespaced, ownership.of(resource));
    }

    private static AssignedIdentity assignedIdentity(GenericKubernetesResource resource, ObjectRef ref,
                                                     Map<String, Object> spec) {
        String podNamespace = string(spec, "podNamespace");
        String podName = string(spec, "pod");
        ObjectRef pod = podName == null ? null : ObjectRef.of("v1", "Pod", podNamespace, podName);
        Map<String, Object> status = map(field(resource.getAdditionalProperties(), "status"));
        return new AssignedIdentity(ref, pod, refName(spec, "azureIdentityRef"), refName(spec, "azureBindingRef"),
                string(status, "status"));
    }

    /** {@code namespace/name} of an embedded object such as {@code azureIdentityRef}. */
    private static String refName(Map<String, Object> spec, String field) {
        Map<String, Object> metadata = map(field(map(field(spec, field)), "metadata"));
        String name = string(metadata, "name");
        String namespace = string(metadata, "namespace");
        return name == null || namespace == null ? name : namespace + "/" + name;
    }

    private static Object field(Map<String, Object> map, String name) {
        if (map == null) {
            return null;
        }
        Object exact = map.get(name);
        if (exact != null) {
            return exact;
        }
        // A hostile dump may hold null or non-string keys and null values: compare as text, skip nulls.
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) map).entrySet()) {
            if (entry.getValue() != null && name.equalsIgnoreCase(String.valueOf(entry.getKey()))) {
                return entry.getValue();
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> result = new TreeMap<>();
        map(value).forEach((k, v) -> result.put(k, v == null ? "" : String.valueOf(v)));
        return result;
    }

    private static String string(Map<String, Object> map, String name) {
        Object value = field(map, name);
        return value == null || String.valueOf(value).isEmpty() ? null : String.valueOf(value);
    }

    private static Integer integer(Map<String, Object> map, String name) {
        Object value = field(map, name);
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
