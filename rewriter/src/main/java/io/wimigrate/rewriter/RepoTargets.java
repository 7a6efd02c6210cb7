package io.wimigrate.rewriter;

import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.scanner.repo.YamlTree;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Targets without a plan, from the repository alone: a workload whose pod template carries {@code aadpodidbinding}
 * moves when the repository says everything workload identity needs: an AzureIdentityBinding with that selector
 * naming exactly one user-assigned AzureIdentity (its client id), and a ServiceAccount of its own. Everything else
 * needs the plan, and a note says what.
 */
final class RepoTargets implements ManifestTargets {

    static final String LABEL = "aadpodidbinding";
    static final Set<String> SP_ENV = Set.of("AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH",
            "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_AUTH_LOCATION");
    private static final Set<String> PATH_ENV = Set.of("AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_AUTH_LOCATION");

    private final Map<Manifest, Boolean> decided = new IdentityHashMap<>();

    @Override
    public Optional<WorkloadTarget> workload(Manifest workload, RepoManifests repo, List<RewriteNote> notes) {
        Optional<WorkloadTarget> target = decide(workload, repo, notes);
        decided.put(workload, target.isPresent());
        return target;
    }

    private Optional<WorkloadTarget> decide(Manifest workload, RepoManifests repo, List<RewriteNote> notes) {
        Optional<String> selector = workload.podLabels().flatMap(labels -> YamlFile.get(labels, LABEL))
                .flatMap(workload::value);
        List<SecretReference> secrets = secretReferences(workload);
        boolean bound = workload.podLabels().flatMap(labels -> YamlFile.get(labels, LABEL)).isPresent();
        if (!bound && secrets.isEmpty()) {
            return Optional.empty();
        }
        if (workload.patch() && repo.hasBase(workload)) {
            // The base decides; its patch only loses what the base loses.
            Optional<Manifest> base = repo.baseOf(workload);
            boolean moves = base.map(b -> decide(b, repo, new ArrayList<>()).isPresent()).orElse(false);
            return moves ? Optional.of(new WorkloadTarget(false, true, null, null, secrets)) : Optional.empty();
        }
        if (!bound) {
            needsPlan(workload, notes, "authenticates with a service-principal secret only; the identity that"
                    + " replaces it (and its client id) comes from the plan");
            return Optional.empty();
        }
        if (selector.isEmpty()) {
            needsPlan(workload, notes, "its " + LABEL + " label is templated in a way this rewrite cannot evaluate");
            return Optional.empty();
        }
        List<Manifest> identities = identitiesFor(selector.get(), repo);
        if (identities.size() != 1) {
            needsPlan(workload, notes, identities.isEmpty()
                    ? "no AzureIdentityBinding with selector " + selector.get() + " and its AzureIdentity in this"
                    + " repository name its client id"
                    : "selector " + selector.get() + " binds " + identities.size() + " identities; which one the"
                    + " ServiceAccount carries comes from the plan");
            return Optional.empty();
        }
        Manifest identity = identities.get(0);
        Optional<String> clientId = spec(identity).flatMap(spec -> field(identity, spec, "clientID"));
        String type = spec(identity).flatMap(spec -> field(identity, spec, "type")).orElse("0");
        if (clientId.isEmpty() || !type.equals("0")) {
            needsPlan(workload, notes, "AzureIdentity " + identity.name() + " is not a user-assigned identity with a"
                    + " known client id; the identity that replaces it comes from the plan");
            return Optional.empty();
        }
        Optional<String> account = workload.serviceAccountName();
        if (account.isEmpty() || account.get().equals("default")) {
            needsPlan(workload, notes, account.isEmpty() ? "its ServiceAccount name is templated in a way this rewrite"
                    + " cannot evaluate" : "it runs as the namespace's default ServiceAccount; the dedicated"
                    + " ServiceAccount it moves to comes from the plan");
            return Optional.empty();
        }
        List<String> sharing = repo.manifests.stream().filter(other -> other.isWorkload() && !other.patch()
                && other != workload && Optional.ofNullable(other.namespace()).equals(Optional.ofNullable(workload.namespace()))
                && other.serviceAccountName().equals(account) && labelOf(other).filter(l -> !l.equals(selector.get())).isPresent())
                .map(Manifest::display).toList();
        if (!sharing.isEmpty()) {
            needsPlan(workload, notes, "ServiceAccount " + account.get() + " is shared with " + String.join(", ", sharing)
                    + ", bound to other identities; the dedicated ServiceAccount it moves to comes from the plan");
            return Optional.empty();
        }
        TreeMap<String, String> annotations = new TreeMap<>();
        annotations.put(AnnotateServiceAccount.CLIENT_ID, clientId.get());
        spec(identity).flatMap(spec -> field(identity, spec, "tenantID"))
                .ifPresent(tenant -> annotations.put(AnnotateServiceAccount.TENANT_ID, tenant));
        notes.add(new RewriteNote(workload.path(), workload.line(), 1, "manifest-without-plan", workload.display()
                + ": ServiceAccount " + account.get() + " gets the client id of AzureIdentity " + identity.name()
                + " from this repository. Whether other workloads share that ServiceAccount (and need one of their"
                + " own) is known only to the plan: run with --plan to be sure."));
        if (!secrets.isEmpty()) {
            notes.add(new RewriteNote(workload.path(), workload.line(), 1, "manifest-several-identities",
                    workload.display() + " also authenticated as a service principal: after this rewrite its code"
                    + " gets the client id of " + identity.name() + ". If it needs the identity that replaces the"
                    + " service principal, pass that client id explicitly (.workloadIdentityClientId(..)); the plan"
                    + " names it."));
        }
        return Optional.of(new WorkloadTarget(true, true, null,
                new Account(workload.namespace(), account.get(), annotations, null), secrets));
    }

    private static void needsPlan(Manifest workload, List<RewriteNote> notes, String why) {
        notes.add(new RewriteNote(workload.path(), workload.line(), 1, "manifest-needs-plan", workload.display()
                + " left unchanged: " + why + ". Run with --plan."));
    }

    private static List<Manifest> identitiesFor(String selector, RepoManifests repo) {
        List<Manifest> identities = new ArrayList<>();
        for (Manifest binding : repo.manifests) {
            if (!binding.kind().equalsIgnoreCase("AzureIdentityBinding")) {
                continue;
            }
            Optional<Node> spec = spec(binding);
            if (spec.flatMap(s -> field(binding, s, "selector")).filter(selector::equals).isEmpty()) {
                continue;
            }
            Optional<String> name = spec.flatMap(s -> field(binding, s, "azureIdentity"));
            repo.manifests.stream().filter(m -> m.kind().equalsIgnoreCase("AzureIdentity") && name.isPresent()
                    && name.get().equals(m.name())).findFirst().filter(m -> !identities.contains(m))
                    .ifPresent(identities::add);
        }
        return identities;
    }

    static Optional<Node> spec(Manifest object) {
        return object.root().getValue().stream()
                .filter(t -> "spec".equalsIgnoreCase(YamlTree.scalar(t.getKeyNode()))).map(t -> t.getValueNode())
                .findFirst();
    }

    /** A pod-identity field, read case-insensitively as legacy objects spell it. */
    static Optional<String> field(Manifest object, Node spec, String name) {
        if (!(spec instanceof MappingNode mapping)) {
            return Optional.empty();
        }
        return mapping.getValue().stream().filter(t -> name.equalsIgnoreCase(YamlTree.scalar(t.getKeyNode())))
                .findFirst().flatMap(t -> object.value(t.getValueNode()));
    }

    @Override
    public boolean removes(Manifest object, RepoManifests repo, List<Manifest> rewritten) {
        Optional<Node> spec = spec(object);
        if (object.kind().equalsIgnoreCase("AzureIdentityBinding")) {
            Optional<String> selector = spec.flatMap(s -> field(object, s, "selector"));
            return selector.isPresent() && rewritten.stream().anyMatch(w -> labelOf(w).equals(selector))
                    && repo.manifests.stream().filter(Manifest::isWorkload)
                    .filter(w -> labelOf(w).equals(selector)).allMatch(w -> decided.getOrDefault(w, false));
        }
        List<Manifest> bindings = repo.manifests.stream()
                .filter(m -> m.kind().equalsIgnoreCase("AzureIdentityBinding"))
                .filter(m -> spec(m).flatMap(s -> field(m, s, "azureIdentity")).filter(n -> n.equals(object.name()))
                        .isPresent()).toList();
        return !bindings.isEmpty() && bindings.stream().allMatch(binding -> removes(binding, repo, rewritten));
    }

    private static Optional<String> labelOf(Manifest workload) {
        return workload.podLabels().flatMap(labels -> YamlFile.get(labels, LABEL)).flatMap(workload::value);
    }

    @Override
    public void unmatched(List<Manifest> matched, List<RewriteNote> notes) {
        // Without a plan nothing is expected to be found.
    }

    /**
     * The service-principal Secret references of a pod template: the env vars, and the Secret volumes either
     * holding the credential files they point at or holding the Secret they read.
     */
    static List<SecretReference> secretReferences(Manifest workload) {
        List<SecretReference> references = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        for (MappingNode container : workload.containers()) {
            String name = workload.value(container, "name").orElse(null);
            if (YamlFile.get(container, "env").orElse(null) instanceof SequenceNode env) {
                for (Node variable : env.getValue()) {
                    String variableName = workload.value(variable, "name").orElse("");
                    if (!SP_ENV.contains(variableName)) {
                        continue;
                    }
                    String secret = workload.value(variable, "valueFrom", "secretKeyRef", "name").orElse(null);
                    references.add(new SecretReference(name, "env", variableName, secret));
                    if (secret != null) {
                        secrets.add(secret);
                    }
                    if (PATH_ENV.contains(variableName)) {
                        workload.value(variable, "value").ifPresent(paths::add);
                    }
                }
            }
        }
        if (references.isEmpty()) {
            return references;
        }
        for (MappingNode container : workload.containers()) {
            if (YamlFile.get(container, "volumeMounts").orElse(null) instanceof SequenceNode mounts) {
                for (Node mount : mounts.getValue()) {
                    String mountPath = workload.value(mount, "mountPath").orElse(null);
                    String volume = workload.value(mount, "name").orElse(null);
                    String prefix = mountPath == null ? null : mountPath.endsWith("/") ? mountPath : mountPath + "/";
                    if (volume != null && prefix != null && paths.stream().anyMatch(p -> p.startsWith(prefix))) {
                        references.add(new SecretReference(null, "volume", volume, null));
                    }
                }
            }
        }
        workload.podSpec().flatMap(spec -> YamlFile.get(spec, "volumes")).filter(SequenceNode.class::isInstance)
                .map(SequenceNode.class::cast).ifPresent(volumes -> volumes.getValue().forEach(volume -> {
                    Optional<String> secret = workload.value(volume, "secret", "secretName");
                    String name = workload.value(volume, "name").orElse(null);
                    if (name != null && secret.filter(secrets::contains).isPresent()
                            && references.stream().noneMatch(r -> r.via().equals("volume") && r.name().equals(name))) {
                        references.add(new SecretReference(null, "volume", name, secret.get()));
                    }
                }));
        return references;
    }
}
