package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.planner.model.DeleteAzureIdentity;
import io.wimigrate.planner.model.DeleteBinding;
import io.wimigrate.planner.model.LabelPodTemplate;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.RemovePodIdentityLabel;
import io.wimigrate.planner.model.RestartWorkload;
import io.wimigrate.scanner.model.Ownership;
import org.junit.jupiter.api.Test;

class GitOpsOwnershipRuleTest {

    private static final Ownership ARGO = new Ownership("argocd", "worker", "label argocd.argoproj.io/instance");

    @Test
    void changesToGitOpsOwnedObjectsAreMarkedAndRoutedToTheRepository() {
        Plan plan = Plans.offline(TestInventory.cluster("c")
                .userAssigned("pay", "worker-id", "00000000-0000-4000-8000-000000000001")
                .ownedBy("pay/worker-id", ARGO)
                .binding("pay", "worker-binding", "worker-id", "worker")
                .workload("Deployment", "pay", "worker", "worker").label("worker").ownedBy(ARGO).add()
                .workload("Deployment", "pay", "api", "worker").label("worker").add()
                .build());

        assertThat(Plans.steps(plan, LabelPodTemplate.class))
                .extracting(s -> s.target().name() + "=" + s.gitops())
                .containsExactly("api=false", "worker=true");
        assertThat(Plans.steps(plan, LabelPodTemplate.class)).filteredOn(LabelPodTemplate::gitops).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("Owned by Argo CD application worker")
                        .contains("repository"));
        assertThat(Plans.steps(plan, RemovePodIdentityLabel.class)).filteredOn(RemovePodIdentityLabel::gitops)
                .hasSize(1);
        assertThat(Plans.steps(plan, DeleteAzureIdentity.class)).singleElement()
                .satisfies(s -> assertThat(s.gitops()).isTrue());
        assertThat(Plans.steps(plan, DeleteBinding.class)).singleElement()
                .satisfies(s -> assertThat(s.gitops()).isFalse());
        assertThat(Plans.steps(plan, AnnotateServiceAccount.class)).singleElement()
                .satisfies(s -> assertThat(s.gitops()).isFalse());
        assertThat(Plans.steps(plan, RestartWorkload.class)).allSatisfy(s -> assertThat(s.gitops()).isFalse());
        assertThat(Plans.findings(plan, GitOpsOwnershipRule.RULE)).extracting(f -> f.subject())
                .containsExactly("c:AzureIdentity/pay/worker-id", "c:Deployment/pay/worker");
    }
}
