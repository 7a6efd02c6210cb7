package io.wimigrate.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.Target;
import io.wimigrate.planner.rules.PlanRule;
import io.wimigrate.planner.rules.Rules;
import io.wimigrate.scanner.model.Diagnostic;
import io.wimigrate.scanner.model.Inventory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {

    static Inventory payments() {
        return TestInventory.cluster("prod")
                .userAssigned("payments", "api-id", "c1d2e3f4-0000-4000-8000-000000000001")
                .userAssigned("payments", "ledger-id", "c1d2e3f4-0000-4000-8000-000000000002")
                .servicePrincipal("payments", "legacy-sp", "c1d2e3f4-0000-4000-8000-000000000003", "legacy-sp-creds")
                .binding("payments", "api-binding", "api-id", "api")
                .binding("payments", "ledger-binding", "ledger-id", "ledger")
                .binding("payments", "legacy-binding", "legacy-sp", "legacy")
                .workload("Deployment", "payments", "api", "payments").label("api")
                .readsSecret("storage-sp", "AZURE_CLIENT_SECRET").add()
                .workload("StatefulSet", "payments", "ledger", "payments").label("ledger").add()
                .workload("Deployment", "payments", "legacy", "default").label("legacy").add()
                .build();
    }

    @Test
    void theSameInputsGiveTheSameBytesAndFindingOrderDoesNotDependOnRuleOrder() {
        List<PlanRule> lastTwoSwapped = new ArrayList<>(Rules.ALL);
        java.util.Collections.swap(lastTwoSwapped, lastTwoSwapped.size() - 1,
                lastTwoSwapped.size() - 2);
        String first = PlanCodec.write(Planner.plan(PlanRequest.offline(payments())));

        assertThat(PlanCodec.write(Planner.plan(PlanRequest.offline(payments())))).isEqualTo(first);
        assertThat(PlanCodec.write(Planner.plan(PlanRequest.offline(payments()), lastTwoSwapped)))
                .isEqualTo(first);
    }

    @Test
    void phasesRunInTheDocumentedOrder() {
        Plan plan = Planner.plan(PlanRequest.offline(payments()));

        assertThat(plan.phases()).extracting(p -> p.phase() + " " + p.name()).containsExactly("0 preflight",
                "1 azure-identities", "2 federated-credentials", "3 kubernetes", "4 restart-and-verify",
                "5 code-and-manifests", "6 cleanup");
        assertThat(plan.phases()).allSatisfy(p -> assertThat(p.steps()).allMatch(s -> s.phase() == p.phase()));
        assertThat(plan.header().digest()).isEqualTo(PlanCodec.digestOf(plan));
    }

    @Test
    void aPlanWithEveryKindOfChangeReadsBackThroughTheSchema() {
        Plan plan = Planner.plan(PlanRequest.offline(payments()));

        assertThat(plan.steps()).extracting(s -> s.action()).contains("create-identity", "copy-role-assignment",
                "create-service-account", "set-service-account-name", "add-proxy-sidecar-annotation",
                "remove-secret-reference", "backup-and-delete-secret", "remove-pod-identity-install", "manual-action");
        assertThat(PlanCodec.read(PlanCodec.write(plan), "plan.yaml")).isEqualTo(plan);
    }

    @Test
    void aRuleThatWouldBreakTheInvariantGetsNoPlanWritten() {
        List<PlanRule> rules = new ArrayList<>(Rules.ALL);
        rules.add(draft -> draft.add(new ManualAction(3, Target.cluster("prod"), new ManualAction.Desired(
                "az aks update --disable-pod-identity"), "too early")));

        assertThatThrownBy(() -> Planner.plan(PlanRequest.offline(payments()), rules))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("safety invariant: step")
                .hasMessageContaining("before it is verified");
    }

    @Test
    void anIncompleteInventoryIsNotPlanned() {
        Inventory complete = payments();
        Inventory incomplete = Inventory.of(complete.clusters(), complete.repos(), complete.findings(),
                List.of(Diagnostic.error("prod", "AzureIdentityBinding", "forbidden")));

        assertThatThrownBy(() -> Planner.plan(PlanRequest.offline(incomplete)))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("the inventory is incomplete: prod: AzureIdentityBinding: forbidden");
    }
}
