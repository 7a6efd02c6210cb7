package io.wimigrate.planner;

import io.wimigrate.planner.model.PlanHeader.Fingerprint;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.ServiceAccountInfo;
import io.wimigrate.scanner.model.SpSecret;
import io.wimigrate.scanner.model.Workload;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every object the plan was made from, with the uid and resourceVersion it had. Pods of controllers (NMI, MIC) are
 * left out: they come and go without changing what the plan does; their owners are in. A bare Pod is a workload.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static List<Fingerprint> of(Inventory inventory) {
        Map<String, Fingerprint> result = new TreeMap<>();
        for (ClusterInventory cluster : inventory.clusters()) {
            cluster.workloads().stream().map(Workload::ref).forEach(ref -> put(result, cluster, ref));
            cluster.serviceAccounts().stream().filter(ServiceAccountInfo::exists)
                    .forEach(account -> put(result, cluster, account.ref()));
            cluster.azureIdentities().forEach(identity -> put(result, cluster, identity.ref()));
            cluster.bindings().forEach(binding -> put(result, cluster, binding.ref()));
            cluster.exceptions().forEach(exception -> put(result, cluster, exception.ref()));
            cluster.spSecrets().stream().filter(secret -> !Boolean.FALSE.equals(secret.exists()))
                    .map(SpSecret::ref).forEach(ref -> put(result, cluster, ref));
            if (cluster.podIdentity() != null) {
                cluster.podIdentity().objects().stream().filter(ref -> !"Pod".equals(ref.kind()))
                        .forEach(ref -> put(result, cluster, ref));
            }
            if (cluster.webhook() != null) {
                put(result, cluster, cluster.webhook().configuration());
            }
        }
        return List.copyOf(result.values());
    }

    private static void put(Map<String, Fingerprint> result, ClusterInventory cluster, ObjectRef ref) {
        String object = cluster.name() + ":" + ref.display();
        result.putIfAbsent(object, new Fingerprint(object, ref.uid(), ref.resourceVersion()));
    }
}
