package io.wimigrate.executor.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.SetServiceAccountName;
import io.wimigrate.planner.model.Target;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class ServiceAccountNameChangeTest {

    private final ServiceAccountNameChange handler = new ServiceAccountNameChange();

    private static SetServiceAccountName step(Target target, String path, String name, boolean gitops) {
        return new SetServiceAccountName(target, new SetServiceAccountName.Desired(path, name), "default", gitops,
                "test");
    }

    private static void serviceAccount(KubeFixtures fx, String name) {
        fx.client.serviceAccounts().inNamespace(fx.namespace).resource(new ServiceAccountBuilder().withNewMetadata()
                .withName(name).endMetadata().build()).create();
    }

    @Test
    void setsTheTemplateServiceAccountAndRevertLeavesItUnsetAsBefore(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "sa-name");
        serviceAccount(fx, "legacy-sync");
        Target deployment = fx.deployment("legacy-sync", Map.of());
        SetServiceAccountName step = step(deployment, "spec.template.spec", "legacy-sync", false);
        ObjectNode before = fx.comparable(deployment);

        ObjectNode prior = handler.observe(step, fx.context());
        Applied applied = handler.apply(step, prior, fx.context());

        assertThat(applied.changed()).isTrue();
        ObjectNode spec = (ObjectNode) fx.read(deployment).at("/spec/template/spec");
        assertThat(spec.get("serviceAccountName").asText()).isEqualTo("legacy-sync");
        assertThat(spec.get("serviceAccount").asText()).isEqualTo("legacy-sync");
        StepChecks.reapplyIsNoOp(fx, handler, step, prior, deployment);

        handler.revert(step, prior, fx.context());
        assertThat(fx.comparable(deployment)).isEqualTo(before);
        assertThat(fx.read(deployment).at("/spec/template/spec").has("serviceAccountName")).isFalse();
    }

    @Test
    void statefulSetKeepsAConcurrentChangeAndDryRunWritesNothing(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "sa-name-sts");
        Target statefulSet = fx.statefulSet("ledger");
        SetServiceAccountName step = step(statefulSet, "spec.template.spec", "ledger", false);
        StepChecks.dryRunChangesNothing(fx, handler, step, statefulSet);

        ObjectNode prior = handler.observe(step, fx.context());
        fx.patch(statefulSet, "{\"metadata\":{\"annotations\":{\"note\":\"written-between\"}}}");
        handler.apply(step, prior, fx.context());
        ObjectNode after = fx.read(statefulSet);
        assertThat(after.at("/spec/template/spec/serviceAccountName").asText()).isEqualTo("ledger");
        assertThat(after.at("/metadata/annotations/note").asText()).isEqualTo("written-between");

        handler.revert(step, prior, fx.context());
        assertThat(fx.read(statefulSet).at("/spec/template/spec").has("serviceAccountName")).isFalse();
        assertThat(fx.read(statefulSet).at("/metadata/annotations/note").asText()).isEqualTo("written-between");
    }

    @Test
    void aBarePodIsRecreatedWithTheNewServiceAccountAndBackWithTheOldOne(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "sa-name-pod");
        serviceAccount(fx, "debug");
        Target pod = fx.pod("debug", Map.of("aadpodidbinding", "orders-processor"));
        SetServiceAccountName step = step(pod, "spec", "debug", false);
        String uid = fx.read(pod).at("/metadata/uid").asText();

        ObjectNode prior = handler.observe(step, fx.context());
        Applied applied = handler.apply(step, prior, fx.context());

        ObjectNode recreated = fx.read(pod);
        assertThat(applied.changed()).isTrue();
        assertThat(recreated.at("/metadata/uid").asText()).isNotEqualTo(uid);
        assertThat(recreated.at("/spec/serviceAccountName").asText()).isEqualTo("debug");
        assertThat(recreated.at("/metadata/labels/aadpodidbinding").asText()).isEqualTo("orders-processor");
        assertThat(fx.log).anyMatch(line -> line.startsWith("warning: Pod/" + fx.namespace + "/debug is a bare Pod"));
        StepChecks.reapplyIsNoOp(fx, handler, step, prior, pod);

        handler.revert(step, prior, fx.context());
        ObjectNode reverted = fx.read(pod);
        assertThat(reverted.at("/spec/serviceAccountName").asText()).isEqualTo("default");
        assertThat(reverted.at("/spec/containers/0/image").asText()).isEqualTo(KubeFixtures.IMAGE);
    }

    @Test
    void aBarePodIsLeftInPlaceWhenItsCopyWouldBeRefused(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "sa-name-refused");
        Target pod = fx.pod("debug", Map.of("run", "debug"));
        String uid = fx.read(pod).at("/metadata/uid").asText();
        SetServiceAccountName step = step(pod, "spec", "no-such-account", false);
        ObjectNode prior = handler.observe(step, fx.context());

        assertThatThrownBy(() -> handler.apply(step, prior, fx.context()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Pod/" + fx.namespace + "/debug was left in place");
        assertThat(fx.read(pod).at("/metadata/uid").asText()).isEqualTo(uid);
    }

    @Test
    void aBarePodDeletedByACrashMidwayIsCreatedFromTheJournal(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "sa-name-crash");
        serviceAccount(fx, "debug");
        Target pod = fx.pod("debug", Map.of("run", "debug"));
        SetServiceAccountName step = step(pod, "spec", "debug", false);
        ObjectNode prior = handler.observe(step, fx.context());
        client.pods().inNamespace(fx.namespace).withName("debug").withGracePeriod(0).delete();
        client.pods().inNamespace(fx.namespace).withName("debug").waitUntilCondition(p -> p == null, 60,
                TimeUnit.SECONDS);

        assertThat(handler.apply(step, prior, fx.context()).changed()).isTrue();

        ObjectNode created = fx.read(pod);
        assertThat(created.at("/spec/serviceAccountName").asText()).isEqualTo("debug");
        assertThat(created.at("/metadata/labels/run").asText()).isEqualTo("debug");
    }

    @Test
    void aGitOpsStepIsNotPatchedLive(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "sa-name-gitops");
        Target deployment = fx.deployment("worker", Map.of());

        StepChecks.gitOpsNotPatchedLive(fx, handler, step(deployment, "spec.template.spec", "worker", true),
                deployment);
    }
}
