package io.wimigrate.planner;

import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.AzureIdentityBinding;
import io.wimigrate.scanner.model.BoundIdentity;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.model.Rule;
import io.wimigrate.scanner.model.IdentityType;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.Ownership;
import io.wimigrate.scanner.model.PodIdentityException;
import io.wimigrate.scanner.model.PodIdentityInstall;
import io.wimigrate.scanner.model.RepoInventory;
import io.wimigrate.scanner.model.SecretUse;
import io.wimigrate.scanner.model.ServiceAccountInfo;
import io.wimigrate.scanner.model.SpSecret;
import io.wimigrate.scanner.model.WorkloadIdentityWebhook;
import io.wimigrate.scanner.model.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds small inventories by hand, the way the scanner would report them. */
public final class TestInventory {

    public static final String TENANT = "11111111-2222-3333-4444-555555555555";
    public static final String SUBSCRIPTION = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    public static final String RG = "rg-identities";
    public static final String ISSUER = "https://westeurope.oic.prod-aks.azure.com/" + TENANT
            + "/c0ffee00-0000-4000-8000-000000000001/";

    private final List<Cluster> clusters = new ArrayList<>();
    private final List<RepoInventory> repos = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private Cluster current;

    public static TestInventory cluster(String name) {
        return new TestInventory().andCluster(name, ISSUER);
    }

    public TestInventory andCluster(String name, String issuer) {
        current = new Cluster(name, issuer);
        clusters.add(current);
        return this;
    }

    public TestInventory withoutIssuer() {
        current.issuer = null;
        return this;
    }

    public TestInventory addonInstall() {
        current.install = new PodIdentityInstall(PodIdentityInstall.Mode.AKS_ADDON, "kube-system", null,
                List.of(ObjectRef.of("apps/v1", "DaemonSet", "kube-system", "nmi")));
        return this;
    }

    /** A type-0 identity {@code ns/name} with client id {@code clientId}. */
    public TestInventory userAssigned(String namespace, String name, String clientId) {
        current.identities.put(namespace + "/" + name, new AzureIdentity(ref("aadpodidentity.k8s.io/v1",
                "AzureIdentity", namespace, name), IdentityType.USER_ASSIGNED_MSI, "/subscriptions/" + SUBSCRIPTION
                + "/resourceGroups/" + RG + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-" + name,
                clientId, null, null, false, null));
        return this;
    }

    /** A type-0 identity with the given ARM resource id, spelled as the AzureIdentity spells it. */
    public TestInventory userAssignedWithId(String namespace, String name, String clientId, String resourceId) {
        current.identities.put(namespace + "/" + name, new AzureIdentity(ref("aadpodidentity.k8s.io/v1",
                "AzureIdentity", namespace, name), IdentityType.USER_ASSIGNED_MSI, resourceId, clientId, null, null,
                false, null));
        return this;
    }

    public TestInventory servicePrincipal(String namespace, String name, String clientId, String secret) {
        current.identities.put(namespace + "/" + name, new AzureIdentity(ref("aadpodidentity.k8s.io/v1",
                "AzureIdentity", namespace, name), IdentityType.SERVICE_PRINCIPAL, null, clientId, TENANT,
                new AzureIdentity.SecretRef(namespace, secret), false, null));
        return this;
    }

    public TestInventory ownedBy(String identityOrBinding, Ownership ownership) {
        AzureIdentity identity = current.identities.get(identityOrBinding);
        if (identity != null) {
            current.identities.put(identityOrBinding, new AzureIdentity(identity.ref(), identity.type(),
                    identity.resourceId(), identity.clientId(), identity.tenantId(), identity.clientPassword(),
                    identity.namespaced(), ownership));
        }
        return this;
    }

    public TestInventory binding(String namespace, String name, String identity, String selector) {
        current.bindings.put(namespace + "/" + name, new AzureIdentityBinding(ref("aadpodidentity.k8s.io/v1",
                "AzureIdentityBinding", namespace, name), identity, selector, null, null));
        return this;
    }

    /** A workload {@code kind ns/name} running as {@code serviceAccount}; label it with {@code label(selector)}. */
    public WorkloadBuilder workload(String kind, String namespace, String name, String serviceAccount) {
        return new WorkloadBuilder(this, kind, namespace, name, serviceAccount);
    }

    public TestInventory exception(String namespace, String name, String workload) {
        current.exceptions.add(new PodIdentityException(ref("aadpodidentity.k8s.io/v1", "AzurePodIdentityException",
                namespace, name), new TreeMap<>(Map.of("app", workload)),
                List.of(ref("apps/v1", "Deployment", namespace, workload))));
        return this;
    }

    public TestInventory repo(String root) {
        repos.add(new RepoInventory(root, 3, List.of()));
        return this;
    }

    /** A scanned repository with one Java credential finding at {@code path}. */
    public TestInventory repoWithFinding(String root, String path) {
        repos.add(new RepoInventory(root, 3, List.of()));
        findings.add(Finding.of(Rule.JAVA_CLIENT_SECRET_CREDENTIAL, new Location.InFile(root, path, 12, 5),
                "ClientSecretCredential", Map.of()));
        return this;
    }

    public Inventory build() {
        return Inventory.of(clusters.stream().map(Cluster::build).toList(), repos, findings, List.of());
    }

    static ObjectRef ref(String apiVersion, String kind, String namespace, String name) {
        return new ObjectRef(apiVersion, kind, namespace, name, "uid-" + kind + "-" + namespace + "-" + name, "1");
    }

    public static final class WorkloadBuilder {
        private final TestInventory inventory;
        private final ObjectRef ref;
        private final String serviceAccount;
        private String selector;
        private final List<SecretUse> secretUses = new ArrayList<>();
        private boolean hostNetwork;
        private Ownership ownership;

        private WorkloadBuilder(TestInventory inventory, String kind, String namespace, String name,
                                String serviceAccount) {
            this.inventory = inventory;
            this.ref = ref(kind.equals("Pod") ? "v1" : kind.equals("CronJob") ? "batch/v1" : "apps/v1", kind,
                    namespace, name);
            this.serviceAccount = serviceAccount;
        }

        public WorkloadBuilder label(String value) {
            this.selector = value;
            return this;
        }

        public WorkloadBuilder readsSecret(String secret, String env) {
            secretUses.add(new SecretUse(ObjectRef.of("v1", "Secret", ref.namespace(), secret), "app", "env", env,
                    "clientSecret"));
            return this;
        }

        public WorkloadBuilder hostNetwork() {
            hostNetwork = true;
            return this;
        }

        public WorkloadBuilder ownedBy(Ownership owner) {
            ownership = owner;
            return this;
        }

        public TestInventory add() {
            Cluster cluster = inventory.current;
            List<BoundIdentity> bound = new ArrayList<>();
            if (selector != null) {
                for (AzureIdentityBinding binding : cluster.bindings.values()) {
                    if (binding.selector().equals(selector)) {
                        AzureIdentity identity = cluster.identities.get(binding.ref().namespace() + "/"
                                + binding.azureIdentity());
                        bound.add(new BoundIdentity(binding.ref(), identity == null ? null : identity.ref()));
                    }
                }
            }
            cluster.workloads.add(new Workload(ref, serviceAccount, selector, bound, List.copyOf(secretUses), false,
                    hostNetwork, List.of("app"), List.of(), ownership));
            for (SecretUse use : secretUses) {
                String key = ref.namespace() + "/" + use.secret().name();
                SpSecret previous = cluster.secrets.get(key);
                List<ObjectRef> consumers = new ArrayList<>(previous == null ? List.of() : previous.consumers());
                consumers.add(ref);
                cluster.secrets.put(key, new SpSecret(ref("v1", "Secret", ref.namespace(), use.secret().name()),
                        List.of("clientSecret"), true, List.of(ref), consumers));
            }
            return inventory;
        }
    }

    private static final class Cluster {
        private final String name;
        private String issuer;
        private PodIdentityInstall install;
        private final Map<String, AzureIdentity> identities = new LinkedHashMap<>();
        private final Map<String, AzureIdentityBinding> bindings = new LinkedHashMap<>();
        private final List<Workload> workloads = new ArrayList<>();
        private final Map<String, SpSecret> secrets = new LinkedHashMap<>();
        private final List<PodIdentityException> exceptions = new ArrayList<>();

        private Cluster(String name, String issuer) {
            this.name = name;
            this.issuer = issuer;
            this.install = new PodIdentityInstall(PodIdentityInstall.Mode.HELM, "aad-pod-identity",
                    "aad-pod-identity", List.of(ref("apps/v1", "DaemonSet", "aad-pod-identity", "aad-pod-identity-nmi"),
                    ref("apps/v1", "Deployment", "aad-pod-identity", "aad-pod-identity-mic"),
                    ref("v1", "Pod", "aad-pod-identity", "aad-pod-identity-nmi-x1")));
        }

        private ClusterInventory build() {
            Map<String, List<ObjectRef>> users = new TreeMap<>();
            workloads.forEach(w -> users.computeIfAbsent(w.ref().namespace() + "/" + w.serviceAccount(),
                    k -> new ArrayList<>()).add(w.ref()));
            List<ServiceAccountInfo> accounts = new ArrayList<>();
            users.forEach((key, used) -> {
                String[] parts = key.split("/");
                accounts.add(new ServiceAccountInfo(ref("v1", "ServiceAccount", parts[0], parts[1]), true,
                        new TreeMap<>(), used, null));
            });
            return new ClusterInventory(name, issuer, "kube-system-uid-" + name,
                    new WorkloadIdentityWebhook(ObjectRef.of("admissionregistration.k8s.io/v1",
                            "MutatingWebhookConfiguration", null, "azure-wi-webhook-mutating-webhook-configuration"),
                            "azure-workload-identity-system", List.of()),
                    install, List.copyOf(identities.values()), List.copyOf(bindings.values()), exceptions, List.of(),
                    workloads, accounts, List.copyOf(secrets.values()));
        }
    }
}
