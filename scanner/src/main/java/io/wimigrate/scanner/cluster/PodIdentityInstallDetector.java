package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.PodIdentityInstall;
import io.wimigrate.scanner.model.PodIdentityInstall.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds the NMI/MIC installation (Helm chart, raw manifests or AKS add-on) and every object that belongs to it, and
 * whether MIC enforces namespaced matching ({@code --forceNamespaced}).
 */
final class PodIdentityInstallDetector {

    private static final Set<String> RAW_NAMESPACED_NAMES = Set.of("DaemonSet/nmi", "Deployment/mic",
            "ServiceAccount/aad-pod-id-nmi-service-account", "ServiceAccount/aad-pod-id-mic-service-account",
            "ConfigMap/aad-pod-identity-config", "AzurePodIdentityException/mic-exception");
    private static final Set<String> RAW_CLUSTER_NAMES = Set.of("ClusterRole/aad-pod-id-nmi-role",
            "ClusterRole/aad-pod-id-mic-role", "ClusterRoleBinding/aad-pod-id-nmi-binding",
            "ClusterRoleBinding/aad-pod-id-mic-binding");
    private static final Set<String> HELM_KINDS = Set.of("DaemonSet", "Deployment", "ServiceAccount", "ClusterRole",
            "ClusterRoleBinding", "Role", "RoleBinding", "ConfigMap", "Service", "AzurePodIdentityException");

    record Detected(PodIdentityInstall install, boolean forceNamespaced) {
    }

    static Detected detect(List<HasMetadata> objects, List<SecretKeys> secrets) {
        List<DaemonSet> nmis = objects.stream().filter(o -> o instanceof DaemonSet).map(o -> (DaemonSet) o)
                .filter(d -> isComponent(d, "nmi")).sorted((a, b) -> Meta.ref(a).compareTo(Meta.ref(b))).toList();
        List<Deployment> mics = objects.stream().filter(o -> o instanceof Deployment).map(o -> (Deployment) o)
                .filter(d -> isComponent(d, "mic")).sorted((a, b) -> Meta.ref(a).compareTo(Meta.ref(b))).toList();
        boolean forceNamespaced = Stream.concat(nmis.stream(), mics.stream())
                .anyMatch(o -> args(o).stream().anyMatch(PodIdentityInstallDetector::isForceNamespaced));
        if (nmis.isEmpty() && mics.isEmpty()) {
            return new Detected(null, forceNamespaced);
        }
        HasMetadata anchor = !nmis.isEmpty() ? nmis.get(0) : mics.get(0);
        String namespace = Meta.namespace(anchor);
        Optional<String> release = Stream.concat(nmis.stream(), mics.stream())
                .map(PodIdentityInstallDetector::helmRelease).flatMap(Optional::stream).findFirst();
        TreeSet<ObjectRef> members = new TreeSet<>();
        nmis.forEach(o -> members.add(Meta.ref(o)));
        mics.forEach(o -> members.add(Meta.ref(o)));
        Mode mode;
        if (release.isPresent()) {
            mode = Mode.HELM;
            addHelmObjects(objects, secrets, release.get(), namespace, mics, members);
        } else {
            boolean managed = nmis.stream().anyMatch(d -> args(d).contains("--operation-mode=managed"));
            mode = mics.isEmpty() && managed && "kube-system".equals(namespace) ? Mode.AKS_ADDON : Mode.RAW_MANIFESTS;
            addRawObjects(objects, namespace, members);
        }
        objects.stream()
                .filter(o -> o instanceof CustomResourceDefinition
                        && Meta.name(o).endsWith("." + PodIdentityObjects.GROUP))
                .forEach(o -> members.add(Meta.ref(o)));
        return new Detected(new PodIdentityInstall(mode, namespace, release.orElse(null), List.copyOf(members)),
                forceNamespaced);
    }

    private static void addHelmObjects(List<HasMetadata> objects, List<SecretKeys> secrets, String release,
                                       String namespace, List<Deployment> mics, TreeSet<ObjectRef> members) {
        for (HasMetadata object : objects) {
            boolean inScope = Meta.namespace(object) == null || namespace.equals(Meta.namespace(object));
            boolean labelled = release.equals(helmRelease(object).orElse(null))
                    && Meta.labels(object).getOrDefault("helm.sh/chart", "").startsWith("aad-pod-identity");
            boolean named = HELM_KINDS.contains(object.getKind()) && Meta.name(object).startsWith(release + "-");
            if (inScope && (labelled || named)) {
                members.add(Meta.ref(object));
            }
        }
        String micSecret = release + "-mic";
        boolean referenced = mics.stream().map(PodTemplate::of).flatMap(Optional::stream)
                .anyMatch(t -> SecretReferences.names(t.spec()).contains(micSecret));
        boolean listed = secrets != null && secrets.stream()
                .anyMatch(s -> s.namespace().equals(namespace) && s.name().equals(micSecret));
        if (referenced || listed) {
            members.add(ObjectRef.of("v1", "Secret", namespace, micSecret));
        }
    }

    private static void addRawObjects(List<HasMetadata> objects, String namespace, TreeSet<ObjectRef> members) {
        for (HasMetadata object : objects) {
            String key = object.getKind() + "/" + Meta.name(object);
            String objectNamespace = Meta.namespace(object);
            if ((RAW_NAMESPACED_NAMES.contains(key) && namespace.equals(objectNamespace))
                    || (RAW_CLUSTER_NAMES.contains(key) && objectNamespace == null)
                    || ("AzurePodIdentityException/aks-addon-exception".equals(key)
                    && "kube-system".equals(objectNamespace))) {
                members.add(Meta.ref(object));
            }
        }
    }

    private static boolean isComponent(HasMetadata object, String component) {
        Map<String, String> labels = Meta.labels(object);
        boolean rawLabels = component.equals(labels.get("component")) && "aad-pod-id".equals(labels.get("k8s-app"));
        if (component.equals(labels.get("app.kubernetes.io/component")) || rawLabels) {
            return true;
        }
        String name = Meta.name(object);
        boolean named = name.equals(component) || name.endsWith("-" + component);
        return named && containers(object).stream()
                .anyMatch(c -> c.getImage() != null && c.getImage().contains("/" + component + ":"));
    }

    private static Optional<String> helmRelease(HasMetadata object) {
        Map<String, String> labels = Meta.labels(object);
        boolean helm = "Helm".equals(labels.get("app.kubernetes.io/managed-by")) || labels.containsKey("helm.sh/chart");
        if (!helm) {
            return Optional.empty();
        }
        return Stream.of(Meta.annotations(object).get("meta.helm.sh/release-name"),
                        labels.get("app.kubernetes.io/instance"), labels.get("release"))
                .filter(Objects::nonNull).findFirst();
    }

    private static boolean isForceNamespaced(String arg) {
        String flag = arg.replaceFirst("^--?", "");
        return flag.equals("forceNamespaced") || flag.equals("forceNamespaced=true");
    }

    private static List<Container> containers(HasMetadata object) {
        return PodTemplate.of(object).map(t -> t.spec().getContainers()).filter(Objects::nonNull).orElse(List.of());
    }

    private static List<String> args(HasMetadata object) {
        List<String> args = new ArrayList<>();
        for (Container container : containers(object)) {
            if (container.getArgs() != null) {
                args.addAll(container.getArgs());
            }
            if (container.getCommand() != null) {
                args.addAll(container.getCommand());
            }
        }
        return args;
    }
}
