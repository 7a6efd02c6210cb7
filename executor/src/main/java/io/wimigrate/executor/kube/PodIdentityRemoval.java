package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.BackedUpSecret;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.RemovePodIdentityInstall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes AAD Pod Identity: NMI and MIC first, then the rest of the installation's objects, then the
 * {@code aadpodidentity.k8s.io} CRDs (which takes every remaining custom resource of them along). Every manifest is
 * kept in the prior state, with every custom resource the CRDs held, so revert reinstalls it all: CRDs first
 * (waiting until they are Established), then their objects, then the rest, NMI and MIC last. Secrets (MIC's
 * credentials, Helm's release records) are moved to backup Secrets instead, since the journal holds no value. With
 * {@code helm-uninstall} there is no Helm here: the release's objects are deleted as listed, and its release records
 * are moved to backups too, as {@code helm uninstall} would remove them.
 */
public final class PodIdentityRemoval implements StepHandler<RemovePodIdentityInstall> {

    private static final String OBJECTS = "objects";
    private static final String SECRETS = "secrets";
    private static final String CRD = "CustomResourceDefinition";
    private static final Set<String> WORKLOADS = Set.of("DaemonSet", "Deployment");
    private static final Set<String> BUILT_IN = Set.of("DaemonSet", "Deployment", "ServiceAccount", "Secret",
            "ConfigMap", "Service", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", CRD);
    private static final Map<String, String> API_VERSIONS = Map.ofEntries(
            Map.entry("DaemonSet", "apps/v1"), Map.entry("Deployment", "apps/v1"),
            Map.entry("ServiceAccount", "v1"), Map.entry("Secret", "v1"), Map.entry("ConfigMap", "v1"),
            Map.entry("Service", "v1"), Map.entry("ClusterRole", "rbac.authorization.k8s.io/v1"),
            Map.entry("ClusterRoleBinding", "rbac.authorization.k8s.io/v1"),
            Map.entry("Role", "rbac.authorization.k8s.io/v1"), Map.entry("RoleBinding", "rbac.authorization.k8s.io/v1"),
            Map.entry(CRD, "apiextensions.k8s.io/v1"),
            Map.entry("AzurePodIdentityException", "aadpodidentity.k8s.io/v1"));

    @Override
    public ObjectNode observe(RemovePodIdentityInstall step, StepContext context) {
        ObjectNode prior = Json.object();
        ArrayNode objects = prior.putArray(OBJECTS);
        ArrayNode secrets = prior.putArray(SECRETS);
        Set<KubeObject> recorded = new LinkedHashSet<>();
        for (KubeObject object : members(step, context)) {
            if ("Secret".equals(object.kind())) {
                if (object.read(context).isPresent()) {
                    secrets.add(object.display());
                }
                continue;
            }
            object.read(context).ifPresent(live -> {
                if (WORKLOADS.contains(object.kind())) {
                    PodSpecs.requireNoLiteralSecret(object, Json.at(live, PodSpecs.path(object.kind())));
                }
                if (recorded.add(object)) {
                    objects.add(Json.manifest(live, isCustom(object)));
                }
                if (CRD.equals(object.kind())) {
                    for (ObjectNode instance : instances(context, live)) {
                        if (recorded.add(KubeObject.of(instance))) {
                            objects.add(Json.manifest(instance, true));
                        }
                    }
                }
            });
        }
        return prior;
    }

    @Override
    public Applied apply(RemovePodIdentityInstall step, ObjectNode prior, StepContext context) {
        List<KubeObject> members = new ArrayList<>(members(step, context));
        members.sort(Comparator.comparingInt(PodIdentityRemoval::removalOrder));
        List<String> removed = new ArrayList<>();
        for (KubeObject object : members) {
            boolean gone;
            if ("Secret".equals(object.kind())) {
                gone = SecretBackups.move(context, object);
            } else {
                gone = object.read(context).isPresent() && object.delete(context, null);
                if (gone && CRD.equals(object.kind()) && !context.dryRun()) {
                    object.awaitDeleted(context, context.timeouts().rollout());
                }
            }
            if (gone) {
                removed.add(object.display());
            }
        }
        if (removed.isEmpty()) {
            return Applied.unchanged("AAD Pod Identity " + step.target().name() + " already removed");
        }
        return Applied.changed((context.dryRun() ? "would remove " : "removed ") + removed.size() + " objects of AAD"
                + " Pod Identity " + step.target().name() + " (manifests in the journal, Secrets in backups)");
    }

    @Override
    public void revert(RemovePodIdentityInstall step, ObjectNode prior, StepContext context) {
        List<ObjectNode> objects = new ArrayList<>();
        prior.path(OBJECTS).forEach(o -> objects.add((ObjectNode) o));
        objects.sort(Comparator.comparingInt(o -> -removalOrder(KubeObject.of(o))));
        for (ObjectNode manifest : objects) {
            if (WORKLOADS.contains(KubeObject.of(manifest).kind())) {
                break;
            }
            recreate(context, manifest);
        }
        for (JsonNode secret : prior.path(SECRETS)) {
            SecretBackups.restore(context, parse(secret.asText()));
        }
        objects.stream().filter(o -> WORKLOADS.contains(KubeObject.of(o).kind())).forEach(o -> recreate(context, o));
    }

    @Override
    public List<BackedUpSecret> backedUpSecrets(RemovePodIdentityInstall step, ObjectNode prior) {
        List<BackedUpSecret> secrets = new ArrayList<>();
        for (JsonNode secret : prior.path(SECRETS)) {
            KubeObject object = parse(secret.asText());
            secrets.add(new BackedUpSecret(object.namespace(), object.name()));
        }
        return secrets;
    }

    private static void recreate(StepContext context, ObjectNode manifest) {
        KubeObject object = KubeObject.of(manifest);
        if (object.read(context).isPresent()) {
            return;
        }
        object.create(context, manifest);
        if (CRD.equals(object.kind()) && !context.dryRun()) {
            object.awaitCondition(context, context.timeouts().rollout(), PodIdentityRemoval::established,
                    "to be Established");
        }
    }

    /** The listed objects, and with {@code helm-uninstall} the release's records (Secrets Helm labels as its own). */
    private static Set<KubeObject> members(RemovePodIdentityInstall step, StepContext context) {
        Set<KubeObject> members = new LinkedHashSet<>();
        step.desired().objects().forEach(entry -> members.add(parse(entry)));
        if ("helm-uninstall".equals(step.desired().method()) && step.desired().release() != null) {
            for (Secret record : context.kube().secrets().inNamespace(step.target().namespace())
                    .withLabel("owner", "helm").withLabel("name", step.desired().release()).list().getItems()) {
                members.add(new KubeObject("v1", "Secret", step.target().namespace(),
                        record.getMetadata().getName()));
            }
        }
        return members;
    }

    /** {@code Kind/namespace/name} or {@code Kind/name}, as the plan lists them. */
    private static KubeObject parse(String entry) {
        String[] parts = entry.split("/");
        String apiVersion = API_VERSIONS.get(parts[0]);
        if (apiVersion == null || parts.length < 2 || parts.length > 3) {
            throw new StepFailedException("cannot remove " + entry + ": unknown kind or form (known kinds: "
                    + String.join(", ", API_VERSIONS.keySet().stream().sorted().toList()) + ")");
        }
        return parts.length == 3 ? new KubeObject(apiVersion, parts[0], parts[1], parts[2])
                : new KubeObject(apiVersion, parts[0], null, parts[1]);
    }

    /** Workloads first (nothing serves pod identity any more), CRDs last; revert goes the other way. */
    private static int removalOrder(KubeObject object) {
        if (WORKLOADS.contains(object.kind())) {
            return 0;
        }
        if (CRD.equals(object.kind())) {
            return 3;
        }
        return isCustom(object) ? 2 : 1;
    }

    /** An object of a CRD: its status is its own (no status subresource to set it), so a copy keeps it. */
    private static boolean isCustom(KubeObject object) {
        return !BUILT_IN.contains(object.kind());
    }

    /** Every object of the CRD, read at its storage version. */
    private static List<ObjectNode> instances(StepContext context, ObjectNode crd) {
        JsonNode spec = crd.path("spec");
        String version = null;
        for (JsonNode candidate : spec.path("versions")) {
            if (candidate.path("storage").asBoolean() || version == null) {
                version = candidate.path("name").asText();
            }
        }
        ResourceDefinitionContext type = new ResourceDefinitionContext.Builder()
                .withGroup(spec.path("group").asText()).withVersion(version)
                .withKind(spec.path("names").path("kind").asText())
                .withPlural(spec.path("names").path("plural").asText())
                .withNamespaced("Namespaced".equals(spec.path("scope").asText())).build();
        try {
            List<ObjectNode> instances = new ArrayList<>();
            for (GenericKubernetesResource instance : context.kube().genericKubernetesResources(type).inAnyNamespace()
                    .list().getItems()) {
                instances.add(Json.of(context.kube(), instance));
            }
            return instances;
        } catch (KubernetesClientException e) {
            throw new StepFailedException("cannot list the objects of " + Json.text(crd.path("metadata"), "name")
                    + ": " + e.getMessage(), e);
        }
    }

    private static boolean established(ObjectNode crd) {
        if (crd == null) {
            return false;
        }
        for (JsonNode condition : crd.path("status").path("conditions")) {
            if ("Established".equals(condition.path("type").asText())
                    && "True".equals(condition.path("status").asText())) {
                return true;
            }
        }
        return false;
    }
}
