package io.wimigrate.planner.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFreshnessTest {

    private static TestInventory shop() {
        return TestInventory.cluster("c")
                .userAssigned("shop", "cart-id", "00000000-0000-4000-8000-000000000001")
                .binding("shop", "cart-binding", "cart-id", "cart")
                .workload("Deployment", "shop", "cart", "cart").label("cart").add();
    }

    @Test
    void anUnchangedWorldKeepsThePlanUpToDate() {
        Plan plan = Planner.plan(PlanRequest.offline(shop().build()));

        assertThat(PlanFreshness.drift(plan, PlanRequest.offline(shop().build()))).isEmpty();
    }

    /** What lets the check skip rendering the new plan: read back from its file, a plan equals it as a value. */
    @Test
    void aPlanReadBackFromItsFileEqualsTheSamePlanningAgainWithoutItsDigest(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(file, PlanCodec.write(Planner.plan(PlanRequest.offline(shop().build()))));
        Plan read = PlanCodec.read(file);

        assertThat(read.withDigest(null)).isEqualTo(Planner.undigested(PlanRequest.offline(shop().build())));
        assertThat(PlanFreshness.drift(read, PlanRequest.offline(shop().build()))).isEmpty();
    }

    @Test
    void namesChangedAndNewObjectsAndTheStepsThatWouldChange() {
        Plan plan = Planner.plan(PlanRequest.offline(shop().build()));
        Inventory grown = shop().workload("Deployment", "shop", "checkout", "checkout").label("cart").add().build();
        Inventory bumped = withWorkloadVersion(shop().build(), "2");

        assertThat(PlanFreshness.drift(plan, PlanRequest.offline(grown)))
                .contains("c:Deployment/shop/checkout: new", "c:ServiceAccount/shop/checkout: new")
                .anySatisfy(line -> assertThat(line).contains("verify-workload c: Deployment/shop/checkout: would be"
                        + " added"));
        assertThat(PlanFreshness.drift(plan, PlanRequest.offline(bumped)))
                .containsExactly("c:Deployment/shop/cart: changed (resourceVersion 1 -> 2)");
    }

    @Test
    void anotherClusterOfTheSameNameIsNamed() {
        Plan plan = Planner.plan(PlanRequest.offline(shop().build()));
        ClusterInventory c = shop().build().clusters().get(0);
        Inventory other = Inventory.of(List.of(new ClusterInventory(c.name(), c.oidcIssuer(), "other-uid", c.webhook(),
                c.podIdentity(), c.azureIdentities(), c.bindings(), c.exceptions(), c.assignedIdentities(),
                c.workloads(), c.serviceAccounts(), c.spSecrets())), List.of(), List.of(), List.of());

        assertThat(PlanFreshness.drift(plan, PlanRequest.offline(other)))
                .contains("c: another cluster (kube-system uid kube-system-uid-c -> other-uid)");
    }

    private static Inventory withWorkloadVersion(Inventory inventory, String version) {
        ClusterInventory c = inventory.clusters().get(0);
        List<Workload> workloads = c.workloads().stream().map(w -> {
            ObjectRef r = w.ref();
            return new Workload(new ObjectRef(r.apiVersion(), r.kind(), r.namespace(), r.name(), r.uid(), version),
                    w.serviceAccount(), w.podIdentityLabel(), w.identities(), w.secretUses(),
                    w.workloadIdentityLabel(), w.hostNetwork(), w.containers(), w.pods(), w.ownership());
        }).toList();
        return Inventory.of(List.of(new ClusterInventory(c.name(), c.oidcIssuer(), c.kubeSystemUid(), c.webhook(),
                c.podIdentity(), c.azureIdentities(), c.bindings(), c.exceptions(), c.assignedIdentities(), workloads,
                c.serviceAccounts(), c.spSecrets())), inventory.repos(), inventory.findings(),
                inventory.diagnostics());
    }
}
