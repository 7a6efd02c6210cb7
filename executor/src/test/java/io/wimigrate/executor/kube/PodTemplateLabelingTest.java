package io.wimigrate.executor.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.Applied;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.LabelPodTemplate;
import io.wimigrate.planner.model.RestartWorkload;
import io.wimigrate.planner.model.Target;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class PodTemplateLabelingTest {

    private static final String CLIENT_ID = "95a6e16b-64b9-4c89-83d4-a384434f4c20";

    private final PodTemplateLabeling handler = new PodTemplateLabeling();

    private static LabelPodTemplate step(Target target, String path, boolean gitops) {
        return new LabelPodTemplate(target, new LabelPodTemplate.Desired(path,
                new TreeMap<>(Map.of(LabelPodTemplate.USE_LABEL, "true"))), gitops, "test");
    }

    @Test
    void labelsTheTemplateOnceAndRevertRestoresTheTemplateExactly(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "label");
        Target deployment = fx.deployment("api", Map.of("team", "payments"));
        LabelPodTemplate step = step(deployment, "spec.template.metadata", false);
        ObjectNode before = fx.comparable(deployment);

        ObjectNode prior = handler.observe(step, fx.context());
        Applied first = handler.apply(step, prior, fx.context());

        assertThat(first.changed()).isTrue();
        assertThat(fx.read(deployment).at("/spec/template/metadata/labels").get(LabelPodTemplate.USE_LABEL).asText())
                .isEqualTo("true");
        assertThat(fx.read(deployment).at("/spec/selector/matchLabels").has(LabelPodTemplate.USE_LABEL)).isFalse();
        assertThat(prior.at("/labels").get(LabelPodTemplate.USE_LABEL).isNull()).isTrue();
        StepChecks.reapplyIsNoOp(fx, handler, step, prior, deployment);

        handler.revert(step, prior, fx.context());
        assertThat(fx.comparable(deployment)).isEqualTo(before);
        StepChecks.revertAgainIsNoOp(fx, handler, step, prior, deployment);
    }

    @Test
    void revertPutsBackAPreviousValue(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "label-prev");
        Target cronJob = fx.cronJob("report", Map.of(LabelPodTemplate.USE_LABEL, "false"));
        LabelPodTemplate step = step(cronJob, "spec.jobTemplate.spec.template.metadata", false);
        ObjectNode before = fx.comparable(cronJob);

        ObjectNode prior = handler.observe(step, fx.context());
        handler.apply(step, prior, fx.context());
        assertThat(fx.read(cronJob).at("/spec/jobTemplate/spec/template/metadata/labels/"
                + LabelPodTemplate.USE_LABEL.replace("/", "~1")).asText()).isEqualTo("true");

        handler.revert(step, prior, fx.context());
        assertThat(fx.comparable(cronJob)).isEqualTo(before);
    }

    @Test
    void revertRecreatesABarePodTheWebhookMutatedSoItRunsWithoutTheInjection(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "label-pod");
        fx.patch(fx.target("v1", "ServiceAccount", "default"),
                "{\"metadata\":{\"annotations\":{\"azure.workload.identity/client-id\":\"" + CLIENT_ID + "\"}}}");
        Target pod = fx.pod("debug", Map.of("aadpodidbinding", "orders-processor"));
        LabelPodTemplate step = step(pod, "metadata", false);
        RestartWorkload restart = new RestartWorkload(pod, new RestartWorkload.Desired("recreate-pod"), "test");
        WorkloadRestart restarts = new WorkloadRestart();

        ObjectNode prior = handler.observe(step, fx.context());
        handler.apply(step, prior, fx.context());
        restarts.apply(restart, restarts.observe(restart, fx.context()), fx.context());
        assertThat(PodRecreation.mutated(fx.read(pod))).isTrue();

        handler.revert(step, prior, fx.context());

        ObjectNode reverted = fx.read(pod);
        assertThat(PodRecreation.mutated(reverted)).isFalse();
        assertThat(reverted.at("/metadata/labels").has(LabelPodTemplate.USE_LABEL)).isFalse();
        assertThat(reverted.at("/metadata/labels/aadpodidbinding").asText()).isEqualTo("orders-processor");
        assertThat(reverted.at("/spec/containers/0").has("env")).isFalse();
    }

    @Test
    void dryRunChangesNothing(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "label-dry");
        Target deployment = fx.deployment("api", Map.of());

        StepChecks.dryRunChangesNothing(fx, handler, step(deployment, "spec.template.metadata", false), deployment);

        assertThat(fx.read(deployment).at("/metadata/generation").asLong()).isEqualTo(1);
    }

    @Test
    void aChangeByAnotherWriterBetweenObserveAndApplyIsKeptThroughApplyAndRevert(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "label-conflict");
        Target deployment = fx.deployment("api", Map.of());
        LabelPodTemplate step = step(deployment, "spec.template.metadata", false);
        ObjectNode prior = handler.observe(step, fx.context());

        fx.patch(deployment, "{\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"owner\":\"someone-else\"}}}}}");
        handler.apply(step, prior, fx.context());
        ObjectNode labels = (ObjectNode) fx.read(deployment).at("/spec/template/metadata/labels");
        assertThat(labels.get("owner").asText()).isEqualTo("someone-else");
        assertThat(labels.get(LabelPodTemplate.USE_LABEL).asText()).isEqualTo("true");

        handler.revert(step, prior, fx.context());
        labels = (ObjectNode) fx.read(deployment).at("/spec/template/metadata/labels");
        assertThat(labels.get("owner").asText()).isEqualTo("someone-else");
        assertThat(labels.has(LabelPodTemplate.USE_LABEL)).isFalse();
    }

    @Test
    void aGitOpsStepIsNotPatchedLive(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "label-gitops");
        Target deployment = fx.deployment("api", Map.of());

        StepChecks.gitOpsNotPatchedLive(fx, handler, step(deployment, "spec.template.metadata", true), deployment);

        assertThat(fx.read(deployment).at("/metadata/generation").asLong()).isEqualTo(1);
    }
}
