package io.wimigrate.planner.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCodecTest {

    private static Plan plan() {
        return Planner.plan(PlanRequest.offline(TestInventory.cluster("prod")
                .userAssigned("shop", "cart-id", "c1d2e3f4-0000-4000-8000-000000000001")
                .binding("shop", "cart-binding", "cart-id", "cart")
                .workload("Deployment", "shop", "cart", "cart").label("cart").add()
                .build()));
    }

    @Test
    void writesTheSameBytesForTheSameInputsAndReadsThemBack(@TempDir Path dir) throws Exception {
        String yaml = PlanCodec.write(plan());
        Files.writeString(dir.resolve("plan.yaml"), yaml);

        assertThat(PlanCodec.write(plan())).isEqualTo(yaml);
        assertThat(PlanCodec.read(dir.resolve("plan.yaml"))).isEqualTo(plan());
        assertThat(yaml)
                .startsWith("apiVersion: wimigrate.io/v1alpha1\nkind: MigrationPlan\nheader:\n  digest: sha256:")
                .doesNotContainPattern("(?i)timestamp|generatedAt|\\d{4}-\\d{2}-\\d{2}T");
    }

    @Test
    void writesTheSamePlanWhetherOrNotItsRenderingWasKeptFromDigesting() {
        Plan plan = plan();
        String kept = PlanCodec.write(plan);
        String fresh = PlanCodec.write(plan);
        Plan other = Planner.plan(PlanRequest.offline(TestInventory.cluster("staging")
                .userAssigned("shop", "cart-id", "c1d2e3f4-0000-4000-8000-000000000001")
                .binding("shop", "cart-binding", "cart-id", "cart")
                .workload("Deployment", "shop", "cart", "cart").label("cart").add()
                .build()));

        assertThat(fresh).isEqualTo(kept).contains("digest: " + plan.header().digest() + "\n");
        assertThat(PlanCodec.write(plan)).isEqualTo(kept);
        assertThat(PlanCodec.write(other)).isNotEqualTo(kept).contains("digest: " + other.header().digest() + "\n")
                .contains("kubeSystemUid: kube-system-uid-staging");
    }

    @Test
    void oneBlockPerStepWithSortedKeysInsideMaps() {
        String yaml = PlanCodec.write(plan());

        assertThat(yaml).contains("\n\n      - action: label-pod-template\n        id: st-");
        assertThat(yaml).contains("          labels:\n            azure.workload.identity/use: \"true\"\n");
    }

    @Test
    void aPlanReadBackIsValidAgainstThePublishedSchema() throws Exception {
        String yaml = PlanCodec.write(plan());

        assertThat(PlanSchema.validate(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml)))
                .isEmpty();
    }

    @Test
    void refusesAPlanWhoseStepWasEditedAndNamesTheStep() {
        Plan plan = plan();
        String yaml = PlanCodec.write(plan);
        Step label = plan.steps().stream().filter(s -> s.action().equals("label-pod-template")).findFirst()
                .orElseThrow();
        String edited = yaml.replace("azure.workload.identity/use: \"true\"", "azure.workload.identity/use: \"false\"");

        assertThatThrownBy(() -> PlanCodec.read(edited, "plan.yaml"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("plan.yaml")
                .hasMessageContaining(label.id() + " label-pod-template prod: Deployment/shop/cart")
                .hasMessageContaining("edited");
    }

    @Test
    void refusesAnEditedReasonAndNamesTheStep() {
        Plan plan = plan();
        String yaml = PlanCodec.write(plan);
        String edited = yaml.replaceFirst("reason: (.*)\n", "reason: trust me\n");

        assertThat(edited).isNotEqualTo(yaml);
        assertThatThrownBy(() -> PlanCodec.read(edited, "plan.yaml"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("phase 0, step 1 (" + plan.steps().get(0).id())
                .hasMessageContaining("its reason, route or another field changed");
    }

    @Test
    void refusesAnEditedHeaderOrStepOrderThroughThePlanDigest() {
        String yaml = PlanCodec.write(plan());
        String header = yaml.replace("kubeSystemUid: kube-system-uid-prod", "kubeSystemUid: other");
        int first = yaml.indexOf("      - action: restart-workload");
        int second = yaml.indexOf("      - action: verify-workload");
        int end = yaml.indexOf("\n  - phase: 5");
        String swapped = yaml.substring(0, first - 1) + yaml.substring(second - 1, end)
                + yaml.substring(first - 1, second - 1) + yaml.substring(end);

        assertThat(swapped).isNotEqualTo(yaml);
        assertThatThrownBy(() -> PlanCodec.read(header, "plan.yaml")).hasMessageContaining("content digest")
                .hasMessageContaining("edited outside its steps");
        assertThatThrownBy(() -> PlanCodec.read(swapped, "plan.yaml")).hasMessageContaining("content digest");
    }

    @Test
    void refusesAnEditedPrecondition() {
        String yaml = PlanCodec.write(plan());
        String edited = yaml.replaceFirst("precondition: Deployment shop/cart exists", "precondition: none");

        assertThat(edited).isNotEqualTo(yaml);
        assertThatThrownBy(() -> PlanCodec.read(edited, "plan.yaml"))
                .hasMessageContaining("precondition or inverse differ");
    }

    @Test
    void refusesAnEditedPhaseOrGitOpsRoute() {
        String yaml = PlanCodec.write(plan());
        String phase = yaml.replaceFirst("(- action: verify-workload\n        id: st-[0-9a-f]+\n"
                + "        digest: [0-9a-f]+\n        phase:) 4", "$1 6");
        String route = yaml.replaceFirst("(- action: label-pod-template\n(?:        .*\n)+?)        reason:",
                "$1        gitops: true\n        reason:");

        assertThat(phase).isNotEqualTo(yaml);
        assertThat(route).isNotEqualTo(yaml);
        assertThatThrownBy(() -> PlanCodec.read(phase, "plan.yaml"))
                .hasMessageContaining(".phase: must be the constant value '4'");
        assertThatThrownBy(() -> PlanCodec.read(route, "plan.yaml")).hasMessageContaining("label-pod-template")
                .hasMessageContaining("its reason, route or another field changed");
    }

    @Test
    void refusesWhatTheSchemaDoesNotAllow() {
        String yaml = PlanCodec.write(plan());
        String edited = yaml.replace("kind: MigrationPlan", "kind: Plan");

        assertThatThrownBy(() -> PlanCodec.read(edited, "plan.yaml"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("schema:");
        assertThatThrownBy(() -> PlanCodec.read("phases: [", "broken.yaml"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("broken.yaml");
    }

    @Test
    void refusesAStepMovedToAnotherPhase() {
        String yaml = PlanCodec.write(plan());
        int verify = yaml.indexOf("      - action: verify-workload");
        int end = yaml.indexOf("\n  - phase: 5");
        String block = yaml.substring(verify - 1, end);
        String moved = yaml.replace(block, "").replace("\n  - phase: 3", block.stripTrailing() + "\n  - phase: 3");

        assertThatThrownBy(() -> PlanCodec.read(moved, "plan.yaml"))
                .hasMessageContaining("a verify-workload step belongs in phase 4");
    }
}
