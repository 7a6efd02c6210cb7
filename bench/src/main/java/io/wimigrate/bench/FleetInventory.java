package io.wimigrate.bench;

import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.AzureIdentityBinding;
import io.wimigrate.scanner.model.BoundIdentity;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.IdentityType;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.ServiceAccountInfo;
import io.wimigrate.scanner.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A generated fleet-scale inventory: {@code namespaces} namespaces, {@code identities} user-assigned identities
 * (each bound in namespaces/identities namespaces, so every identity stays under the 20-credential limit), and
 * {@code workloads} Deployments spread evenly, the ones of a namespace sharing one ServiceAccount and one identity.
 */
final class FleetInventory {

    private FleetInventory() {
    }

    static Inventory generate(int workloads, int namespaces, int identities) {
        List<AzureIdentity> azureIdentities = new ArrayList<>();
        List<AzureIdentityBinding> bindings = new ArrayList<>();
        List<Workload> deployments = new ArrayList<>();
        List<ServiceAccountInfo> serviceAccounts = new ArrayList<>();
        int perNamespace = workloads / namespaces;
        for (int n = 0; n < namespaces; n++) {
            String namespace = "team-" + n;
            int id = n % identities;
            ObjectRef identity = ref("aadpodidentity.k8s.io/v1", "AzureIdentity", namespace, "id-" + id);
            ObjectRef binding = ref("aadpodidentity.k8s.io/v1", "AzureIdentityBinding", namespace, "binding-" + n);
            azureIdentities.add(new AzureIdentity(identity, IdentityType.USER_ASSIGNED_MSI,
                    "/subscriptions/00000000-0000-0000-0000-00000000aaaa/resourceGroups/rg-fleet/providers/"
                            + "Microsoft.ManagedIdentity/userAssignedIdentities/id-" + id,
                    String.format("00000000-0000-4000-8000-%012d", id), "72f988bf-86f1-41af-91ab-2d7cd011db47",
                    null, false, null));
            bindings.add(new AzureIdentityBinding(binding, "id-" + id, "app-" + n, null, null));
            ObjectRef account = ref("v1", "ServiceAccount", namespace, "app-" + n);
            List<ObjectRef> users = new ArrayList<>();
            for (int w = 0; w < perNamespace; w++) {
                ObjectRef deployment = ref("apps/v1", "Deployment", namespace, "app-" + n + "-" + w);
                users.add(deployment);
                deployments.add(new Workload(deployment, "app-" + n, "app-" + n,
                        List.of(new BoundIdentity(binding, identity)), List.of(), false, false, List.of("app"),
                        List.of(), null));
            }
            serviceAccounts.add(new ServiceAccountInfo(account, true, new TreeMap<>(), users, null));
        }
        ClusterInventory cluster = new ClusterInventory("fleet",
                "https://eastus.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/fleet/", "kube-system-uid",
                null, null, azureIdentities, bindings, List.of(), List.of(), deployments, serviceAccounts, List.of());
        return Inventory.of(List.of(cluster), List.of(), List.of(), List.of());
    }

    private static ObjectRef ref(String apiVersion, String kind, String namespace, String name) {
        return new ObjectRef(apiVersion, kind, namespace, name, namespace + "/" + name + "-uid", "1");
    }
}
