package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.wimigrate.scanner.model.BoundIdentity;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.Diagnostic;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.PodIdentityException;
import io.wimigrate.scanner.model.ScanOutcome;
import io.wimigrate.scanner.model.SecretUse;
import io.wimigrate.scanner.model.ServiceAccountInfo;
import io.wimigrate.scanner.model.Workload;
import io.wimigrate.scanner.model.WorkloadIdentityWebhook;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a {@link ClusterSnapshot} into the cluster part of the inventory and its findings. Pure: the same snapshot
 * gives the same outcome, whether it was read live or from a dump.
 */
public final class ClusterAnalyzer {

    private final OwnershipDetector ownership = new OwnershipDetector();

    public ScanOutcome<ClusterInventory> analyze(ClusterSnapshot snapshot) {
        String cluster = snapshot.name();
        List<HasMetadata> objects = snapshot.objects();
        List<Finding> findings = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>(snapshot.diagnostics());

        PodIdentityObjects podIdentity = PodIdentityObjects.read(cluster, objects, ownership);
        diagnostics.addAll(podIdentity.diagnostics());
        PodIdentityInstallDetector.Detected install = PodIdentityInstallDetector.detect(objects, snapshot.secrets());
        BindingMatcher matcher = new BindingMatcher(podIdentity.identities(), podIdentity.bindings(),
                install.forceNamespaced());
        List<PodOwner> owners = OwnerResolver.resolve(objects);
        SpSecretDetector.Result spSecrets =
                SpSecretDetector.detect(cluster, owners, podIdentity.identities(), snapshot.secrets());
        List<PodIdentityException> exceptions = exceptions(podIdentity.exceptions(), owners);
        Set<ObjectRef> excepted = exceptions.stream().flatMap(e -> e.workloads().stream())
                .collect(Collectors.toSet());

        List<Workload> workloads = new ArrayList<>();
        for (PodOwner owner : owners) {
            List<BoundIdentity> bound = matcher.match(owner.namespace(), owner.podIdentityLabel());
            List<SecretUse> uses = spSecrets.uses().getOrDefault(owner.ref(), List.of());
            boolean workloadIdentity = WorkloadIdentityStateDetector.usesWorkloadIdentity(owner);
            if (owner.podIdentityLabel() == null && uses.isEmpty() && !workloadIdentity
                    && !excepted.contains(owner.ref())) {
                continue;
            }
            workloads.add(new Workload(owner.ref(), owner.template().serviceAccount(), owner.podIdentityLabel(),
                    bound, uses, workloadIdentity, owner.template().hostNetwork(), containerNames(owner),
                    owner.pods(), owner.object() == null ? null : ownership.of(owner.object())));
        }

        WorkloadIdentityWebhook webhook = WorkloadIdentityStateDetector.webhook(objects);
        List<ServiceAccountInfo> serviceAccounts = serviceAccounts(objects, workloads);

        ClusterFindings report = new ClusterFindings(cluster, findings);
        report.podIdentity(podIdentity, matcher, workloads, exceptions);
        report.install(install);
        report.spSecrets(spSecrets, workloads, snapshot.secrets());
        report.workloadIdentity(snapshot.oidcIssuer(), webhook, serviceAccounts, workloads);

        ClusterInventory inventory = new ClusterInventory(cluster, snapshot.oidcIssuer(), snapshot.kubeSystemUid(),
                webhook, install.install(), podIdentity.identities(), podIdentity.bindings(), exceptions,
                podIdentity.assigned(), workloads, serviceAccounts, spSecrets.secrets());
        return new ScanOutcome<>(inventory, findings.stream().sorted().toList(),
                diagnostics.stream().distinct().sorted().toList());
    }

    private static List<PodIdentityException> exceptions(List<PodIdentityObjects.RawException> raw,
                                                         List<PodOwner> owners) {
        return raw.stream().map(e -> new PodIdentityException(e.ref(), e.podLabels(), owners.stream()
                        .filter(o -> Objects.equals(o.namespace(), e.ref().namespace()))
                        .filter(o -> !e.podLabels().isEmpty() && o.hasLabels(e.podLabels()))
                        .map(PodOwner::ref).sorted().toList()))
                .toList();
    }

    private List<ServiceAccountInfo> serviceAccounts(List<HasMetadata> objects, List<Workload> workloads) {
        Map<ObjectRef, ServiceAccount> present = new HashMap<>();
        for (HasMetadata object : objects) {
            if (object instanceof ServiceAccount account) {
                present.put(key(Meta.namespace(account), Meta.name(account)), account);
            }
        }
        Map<ObjectRef, Set<ObjectRef>> usedBy = new TreeMap<>();
        for (Workload workload : workloads) {
            usedBy.computeIfAbsent(key(workload.ref().namespace(), workload.serviceAccount()), k -> new TreeSet<>())
                    .add(workload.ref());
        }
        present.forEach((k, account) -> {
            if (!WorkloadIdentityStateDetector.annotations(account).isEmpty()) {
                usedBy.computeIfAbsent(k, x -> new TreeSet<>());
            }
        });
        List<ServiceAccountInfo> result = new ArrayList<>();
        usedBy.forEach((k, users) -> {
            ServiceAccount account = present.get(k);
            result.add(new ServiceAccountInfo(account == null ? k : Meta.ref(account), account != null,
                    account == null ? new TreeMap<>() : WorkloadIdentityStateDetector.annotations(account),
                    List.copyOf(users), account == null ? null : ownership.of(account)));
        });
        return result;
    }

    private static ObjectRef key(String namespace, String name) {
        return ObjectRef.of("v1", "ServiceAccount", namespace, name);
    }

    private static List<String> containerNames(PodOwner owner) {
        return SecretReferences.containers(owner.template().spec()).stream().map(c -> c.getName()).toList();
    }
}
