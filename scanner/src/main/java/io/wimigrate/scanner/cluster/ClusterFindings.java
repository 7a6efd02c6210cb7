package io.wimigrate.scanner.cluster;

import io.wimigrate.scanner.model.AssignedIdentity;
import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.AzureIdentityBinding;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.PodIdentityException;
import io.wimigrate.scanner.model.Rule;
import io.wimigrate.scanner.model.ServiceAccountInfo;
import io.wimigrate.scanner.model.SpSecret;
import io.wimigrate.scanner.model.Workload;
import io.wimigrate.scanner.model.WorkloadIdentityWebhook;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Writes the cluster findings; one method per area so each rule's evidence is easy to find. */
final class ClusterFindings {
    /** Where findings about the cluster as a whole (the OIDC issuer) point. */
    static final ObjectRef DISCOVERY_DOCUMENT =
            ObjectRef.of(null, "NonResourceURL", null, "/.well-known/openid-configuration");

    private final String cluster;
    private final List<Finding> out;

    ClusterFindings(String cluster, List<Finding> out) {
        this.cluster = cluster;
        this.out = out;
    }

    void podIdentity(PodIdentityObjects objects, BindingMatcher matcher, List<Workload> workloads,
                     List<PodIdentityException> exceptions) {
        Map<ObjectRef, Integer> workloadsPerBinding = new HashMap<>();
        workloads.forEach(w -> w.identities().forEach(b -> workloadsPerBinding.merge(b.binding(), 1, Integer::sum)));
        Map<ObjectRef, Long> bindingsPerIdentity = new HashMap<>();
        objects.bindings().stream().map(matcher::identityOf).filter(Objects::nonNull)
                .forEach(i -> bindingsPerIdentity.merge(i.ref(), 1L, Long::sum));
        for (AzureIdentity identity : objects.identities()) {
            long bindings = bindingsPerIdentity.getOrDefault(identity.ref(), 0L);
            add(Rule.POD_IDENTITY_AZURE_IDENTITY, identity.ref(), "AzureIdentity " + identity.ref().name()
                            + (identity.type() == null ? "" : " (" + identity.type().label() + ")") + " is used by "
                            + bindings + " binding(s)",
                    evidence("type", identity.type() == null ? null : identity.type().label(),
                            "clientID", identity.clientId(), "bindings", Long.toString(bindings),
                            "namespaced", Boolean.toString(identity.namespaced())));
        }
        for (AzureIdentityBinding binding : objects.bindings()) {
            int selected = workloadsPerBinding.getOrDefault(binding.ref(), 0);
            AzureIdentity identity = matcher.identityOf(binding);
            Map<String, String> evidence = evidence("selector", binding.selector(),
                    "azureIdentity", binding.azureIdentity(), "workloads", Integer.toString(selected));
            if (identity == null) {
                add(Rule.POD_IDENTITY_DANGLING_BINDING, binding.ref(), "AzureIdentityBinding "
                        + binding.ref().name() + " names AzureIdentity " + binding.azureIdentity()
                        + ", which does not exist in namespace " + binding.ref().namespace(), evidence);
            } else if (selected == 0) {
                add(Rule.POD_IDENTITY_DANGLING_BINDING, binding.ref(), "AzureIdentityBinding "
                        + binding.ref().name() + " selects no workload (selector " + binding.selector() + ")",
                        evidence);
            } else {
                add(Rule.POD_IDENTITY_BINDING, binding.ref(), "AzureIdentityBinding " + binding.ref().name()
                        + " gives " + binding.azureIdentity() + " to " + selected + " workload(s)", evidence);
            }
        }
        for (PodIdentityException exception : exceptions) {
            add(Rule.POD_IDENTITY_EXCEPTION, exception.ref(), "AzurePodIdentityException "
                            + exception.ref().name() + " lets " + exception.workloads().size()
                            + " workload(s) reach IMDS directly",
                    evidence("podLabels", exception.podLabels().toString(),
                            "workloads", Integer.toString(exception.workloads().size())));
        }
        for (AssignedIdentity assigned : objects.assigned()) {
            add(Rule.POD_IDENTITY_ASSIGNED, assigned.ref(), "AzureAssignedIdentity " + assigned.ref().name()
                            + " assigns " + assigned.identity() + " to " + (assigned.pod() == null ? "a pod"
                            : assigned.pod().display()),
                    evidence("identity", assigned.identity(), "binding", assigned.binding(),
                            "state", assigned.state()));
        }
        for (Workload workload : workloads) {
            if (workload.identities().isEmpty()) {
                continue;
            }
            add(Rule.POD_IDENTITY_BOUND_WORKLOAD, workload.ref(), workload.ref().display() + " gets "
                            + workload.identities().size() + " identity(ies) through aadpodidbinding="
                            + workload.podIdentityLabel(),
                    evidence("selector", workload.podIdentityLabel(), "serviceAccount", workload.serviceAccount(),
                            "bindings", workload.identities().stream().map(b -> b.binding().display())
                                    .collect(Collectors.joining(",")),
                            "pods", Integer.toString(workload.pods().size())));
        }
    }

    void install(PodIdentityInstallDetector.Detected detected) {
        if (detected.install() == null) {
            return;
        }
        var install = detected.install();
        ObjectRef anchor = install.objects().stream()
                .filter(r -> "DaemonSet".equals(r.kind()) || "Deployment".equals(r.kind()))
                .findFirst().orElse(install.objects().get(0));
        add(Rule.POD_IDENTITY_INSTALL, anchor, "AAD Pod Identity installed as " + install.mode().label()
                        + " in namespace " + install.namespace() + " (" + install.objects().size() + " objects)",
                evidence("mode", install.mode().label(), "release", install.release(),
                        "objects", Integer.toString(install.objects().size()),
                        "forceNamespaced", Boolean.toString(detected.forceNamespaced())));
    }

    /** {@code secretKeys} is null unless Secret reading was opted in; then lengths of the keys join the evidence. */
    void spSecrets(SpSecretDetector.Result result, List<Workload> workloads, List<SecretKeys> secretKeys) {
        for (SpSecret secret : result.secrets()) {
            add(Rule.SP_SECRET, secret.ref(), "Secret " + secret.ref().name()
                            + " holds service-principal credentials (" + secret.consumers().size() + " consumer(s))",
                    evidence("keys", String.join(",", secret.keys()),
                            "keyLengths", keyLengths(secret, secretKeys),
                            "consumers", Integer.toString(secret.consumers().size()),
                            "referencedBy", Integer.toString(secret.referencedBy().size()),
                            "exists", secret.exists() == null ? "unknown" : secret.exists().toString()));
        }
        for (Workload workload : workloads) {
            if (workload.secretUses().isEmpty()) {
                continue;
            }
            add(Rule.SP_SECRET_CONSUMER, workload.ref(), workload.ref().display()
                            + " reads service-principal credentials from "
                            + workload.secretUses().stream().map(u -> u.secret().name()).distinct()
                            .collect(Collectors.joining(", ")),
                    evidence("uses", workload.secretUses().stream()
                            .map(u -> u.container() + ":" + u.via() + ":" + u.name())
                            .collect(Collectors.joining(","))));
        }
        out.addAll(result.literals());
    }

    void workloadIdentity(String issuer, WorkloadIdentityWebhook webhook, List<ServiceAccountInfo> accounts,
                          List<Workload> workloads) {
        if (issuer == null) {
            add(Rule.WORKLOAD_IDENTITY_ISSUER_MISSING, DISCOVERY_DOCUMENT,
                    "no OIDC issuer discovery document was found for the cluster", Map.of());
        }
        if (webhook == null) {
            add(Rule.WORKLOAD_IDENTITY_WEBHOOK_MISSING, ObjectRef.of("admissionregistration.k8s.io/v1",
                            "MutatingWebhookConfiguration", null, WorkloadIdentityStateDetector.WEBHOOK_CONFIGURATION),
                    "no mutating webhook selects pods by azure.workload.identity/use", Map.of());
        }
        for (ServiceAccountInfo account : accounts) {
            if (!account.workloadIdentityAnnotations().isEmpty()) {
                add(Rule.WORKLOAD_IDENTITY_SERVICE_ACCOUNT, account.ref(), "ServiceAccount "
                                + account.ref().name() + " is annotated for workload identity",
                        new TreeMap<>(account.workloadIdentityAnnotations()));
            }
        }
        for (Workload workload : workloads) {
            if (workload.workloadIdentityLabel()) {
                add(Rule.WORKLOAD_IDENTITY_WORKLOAD, workload.ref(), workload.ref().display()
                        + " carries azure.workload.identity/use: \"true\"",
                        evidence("serviceAccount", workload.serviceAccount()));
            }
        }
    }

    private static String keyLengths(SpSecret secret, List<SecretKeys> secretKeys) {
        if (secretKeys == null) {
            return null;
        }
        String lengths = secretKeys.stream()
                .filter(s -> s.namespace().equals(secret.ref().namespace()) && s.name().equals(secret.ref().name()))
                .flatMap(s -> s.keyLengths().entrySet().stream())
                .filter(e -> secret.keys().contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        return lengths.isEmpty() ? null : lengths;
    }

    private void add(Rule rule, ObjectRef ref, String message, Map<String, String> evidence) {
        out.add(Finding.of(rule, new Location.InCluster(cluster, ref), message, evidence));
    }

    /** Pairs of name and value; null values are left out. */
    private static SortedMap<String, String> evidence(String... pairs) {
        SortedMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put(pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
