package io.wimigrate.executor.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.AddProxySidecarAnnotation;
import io.wimigrate.planner.model.RemovePodIdentityLabel;
import io.wimigrate.planner.model.Target;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The proxy-sidecar annotation and the removal of the pod identity label, on templates and on a bare Pod. */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class PodTemplateMetadataStepsTest {

    private final ProxySidecarAnnotation annotation = new ProxySidecarAnnotation();
    private final PodIdentityLabelRemoval labelRemoval = new PodIdentityLabelRemoval();

    private static AddProxySidecarAnnotation annotate(Target target, String path, boolean gitops) {
        return new AddProxySidecarAnnotation(target, new AddProxySidecarAnnotation.Desired(path,
                new TreeMap<>(Map.of(AddProxySidecarAnnotation.INJECT, "true"))), gitops, "test");
    }

    private static RemovePodIdentityLabel removeLabel(Target target, String path, boolean gitops) {
        return new RemovePodIdentityLabel(target, new RemovePodIdentityLabel.Desired(path,
                RemovePodIdentityLabel.LABEL, "absent"), gitops, "test");
    }

    @Test
    void proxyAnnotationGoesOnTheTemplateOnceAndRevertRemovesIt(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "proxy");
        Target statefulSet = fx.statefulSet("ledger");
        AddProxySidecarAnnotation step = annotate(statefulSet, "spec.template.metadata", false);
        ObjectNode before = fx.comparable(statefulSet);
        StepChecks.dryRunChangesNothing(fx, annotation, step, statefulSet);

        ObjectNode prior = annotation.observe(step, fx.context());
        assertThat(annotation.apply(step, prior, fx.context()).changed()).isTrue();
        assertThat(fx.read(statefulSet).at("/spec/template/metadata/annotations/azure.workload.identity~1"
                + "inject-proxy-sidecar").asText()).isEqualTo("true");
        StepChecks.reapplyIsNoOp(fx, annotation, step, prior, statefulSet);

        annotation.revert(step, prior, fx.context());
        assertThat(fx.comparable(statefulSet)).isEqualTo(before);
    }

    @Test
    void proxyAnnotationIsRefusedForAPodOnTheHostNetwork(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "proxy-host");
        Target daemonSet = fx.daemonSet("agent");
        fx.patch(daemonSet, "{\"spec\":{\"template\":{\"spec\":{\"hostNetwork\":true}}}}");
        AddProxySidecarAnnotation step = annotate(daemonSet, "spec.template.metadata", false);
        ObjectNode before = fx.comparable(daemonSet);

        assertThatThrownBy(() -> annotation.apply(step, annotation.observe(step, fx.context()), fx.context()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("DaemonSet/" + fx.namespace + "/agent uses hostNetwork");
        assertThat(fx.comparable(daemonSet)).isEqualTo(before);
    }

    @Test
    void gitOpsProxyAnnotationIsNotPatchedLive(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "proxy-gitops");
        Target deployment = fx.deployment("worker", Map.of());

        StepChecks.gitOpsNotPatchedLive(fx, annotation, annotate(deployment, "spec.template.metadata", true),
                deployment);
    }

    @Test
    void podIdentityLabelIsRemovedOnceAndRevertPutsBackItsValue(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "unlabel");
        Target cronJob = fx.cronJob("report", Map.of(RemovePodIdentityLabel.LABEL, "settlement-report"));
        RemovePodIdentityLabel step = removeLabel(cronJob, "spec.jobTemplate.spec.template.metadata", false);
        ObjectNode before = fx.comparable(cronJob);

        ObjectNode prior = labelRemoval.observe(step, fx.context());
        fx.patch(cronJob, "{\"metadata\":{\"labels\":{\"between\":\"observe-and-apply\"}}}");
        assertThat(labelRemoval.apply(step, prior, fx.context()).changed()).isTrue();
        assertThat(fx.read(cronJob).at("/spec/jobTemplate/spec/template/metadata/labels")
                .has(RemovePodIdentityLabel.LABEL)).isFalse();
        assertThat(prior.at("/labels/aadpodidbinding").asText()).isEqualTo("settlement-report");
        StepChecks.reapplyIsNoOp(fx, labelRemoval, step, prior, cronJob);

        labelRemoval.revert(step, prior, fx.context());
        ObjectNode after = fx.comparable(cronJob);
        assertThat(after.at("/metadata/labels/between").asText()).isEqualTo("observe-and-apply");
        ((ObjectNode) after.get("metadata")).remove("labels");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void podIdentityLabelComesOffABarePodWithoutRecreatingIt(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "unlabel-pod");
        Target pod = fx.pod("debug", Map.of(RemovePodIdentityLabel.LABEL, "orders-processor", "run", "debug"));
        String uid = fx.read(pod).at("/metadata/uid").asText();
        RemovePodIdentityLabel step = removeLabel(pod, "metadata", false);
        StepChecks.dryRunChangesNothing(fx, labelRemoval, step, pod);

        ObjectNode prior = labelRemoval.observe(step, fx.context());
        labelRemoval.apply(step, prior, fx.context());
        assertThat(fx.read(pod).at("/metadata/labels").has(RemovePodIdentityLabel.LABEL)).isFalse();
        assertThat(fx.read(pod).at("/metadata/uid").asText()).isEqualTo(uid);

        labelRemoval.revert(step, prior, fx.context());
        assertThat(fx.read(pod).at("/metadata/labels/aadpodidbinding").asText()).isEqualTo("orders-processor");
    }

    @Test
    void gitOpsLabelRemovalIsNotPatchedLive(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "unlabel-gitops");
        Target deployment = fx.deployment("worker", Map.of(RemovePodIdentityLabel.LABEL, "worker"));

        StepChecks.gitOpsNotPatchedLive(fx, labelRemoval, removeLabel(deployment, "spec.template.metadata", true),
                deployment);
    }
}
