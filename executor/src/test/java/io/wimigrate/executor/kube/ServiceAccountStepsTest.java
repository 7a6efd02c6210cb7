package io.wimigrate.executor.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.planner.model.CreateServiceAccount;
import io.wimigrate.planner.model.Target;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class ServiceAccountStepsTest {

    private static final String CLIENT_ID = "0e54ac65-7eac-4ab4-b844-03cc6cdf77a2";
    private static final String TENANT_ID = "3f9a2c7e-5b14-4d8e-9c61-0e7b2d4a8f35";

    private final ServiceAccountCreation creation = new ServiceAccountCreation();
    private final ServiceAccountAnnotation annotation = new ServiceAccountAnnotation();

    private static CreateServiceAccount create(Target target) {
        return new CreateServiceAccount(target, new CreateServiceAccount.Desired(
                new TreeMap<>(Map.of("wimigrate.io/workload", target.name()))), false, "test");
    }

    private static AnnotateServiceAccount annotate(Target target, boolean gitops) {
        return new AnnotateServiceAccount(target, new AnnotateServiceAccount.Desired(new TreeMap<>(Map.of(
                AnnotateServiceAccount.CLIENT_ID, "$(st-63a56169800f.clientId)",
                AnnotateServiceAccount.TENANT_ID, TENANT_ID))), gitops, "test");
    }

    @Test
    void createsTheServiceAccountOnceAndRevertDeletesOnlyWhatItCreated(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "sa-create");
        Target account = fx.target("v1", "ServiceAccount", "orders-debug");
        CreateServiceAccount step = create(account);

        assertThat(creation.apply(step, creation.observe(step, fx.dryRun()), fx.dryRun()).changed()).isTrue();
        assertThat(fx.read(account)).isNull();

        ObjectNode prior = creation.observe(step, fx.context());
        assertThat(creation.apply(step, prior, fx.context()).changed()).isTrue();
        assertThat(fx.read(account).at("/metadata/labels/wimigrate.io~1workload").asText()).isEqualTo("orders-debug");
        StepChecks.reapplyIsNoOp(fx, creation, step, prior, account);

        creation.revert(step, prior, fx.context());
        assertThat(fx.read(account)).isNull();
        creation.revert(step, prior, fx.context());
    }

    @Test
    void refusesAServiceAccountThePlanDidNotCreateAndNeverDeletesIt(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "sa-foreign");
        client.serviceAccounts().inNamespace(fx.namespace).resource(new ServiceAccountBuilder().withNewMetadata()
                .withName("shared").endMetadata().build()).create();
        Target account = fx.target("v1", "ServiceAccount", "shared");
        CreateServiceAccount step = create(account);
        ObjectNode prior = creation.observe(step, fx.context());

        assertThatThrownBy(() -> creation.apply(step, prior, fx.context()))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("ServiceAccount/" + fx.namespace
                        + "/shared exists but was not created by this plan");
        creation.revert(step, prior, fx.context());
        assertThat(fx.read(account)).isNotNull();
    }

    @Test
    void annotatesWithResolvedPlaceholdersAndRevertRestoresThePreviousAnnotations(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "sa-annotate");
        client.serviceAccounts().inNamespace(fx.namespace).resource(new ServiceAccountBuilder().withNewMetadata()
                .withName("api").addToAnnotations(AnnotateServiceAccount.CLIENT_ID, "old-client")
                .addToAnnotations("team", "payments").endMetadata().build()).create();
        Target account = fx.target("v1", "ServiceAccount", "api");
        AnnotateServiceAccount step = annotate(account, false);
        StepContext context = fx.context(Map.of("st-63a56169800f.clientId", CLIENT_ID), false);
        ObjectNode before = fx.comparable(account);

        ObjectNode prior = annotation.observe(step, context);
        assertThat(annotation.apply(step, prior, context).changed()).isTrue();
        ObjectNode annotations = (ObjectNode) fx.read(account).at("/metadata/annotations");
        assertThat(annotations.get(AnnotateServiceAccount.CLIENT_ID).asText()).isEqualTo(CLIENT_ID);
        assertThat(annotations.get(AnnotateServiceAccount.TENANT_ID).asText()).isEqualTo(TENANT_ID);
        String version = fx.resourceVersion(account);
        assertThat(annotation.apply(step, prior, context).changed()).isFalse();
        assertThat(fx.resourceVersion(account)).isEqualTo(version);

        fx.patch(account, "{\"metadata\":{\"labels\":{\"touched\":\"later\"}}}");
        annotation.revert(step, prior, context);
        ObjectNode after = fx.comparable(account);
        ((ObjectNode) after.get("metadata")).remove("labels");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void anUnresolvedPlaceholderFailsBeforeAnyWrite(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "sa-placeholder");
        Target account = fx.target("v1", "ServiceAccount", "default");
        AnnotateServiceAccount step = annotate(account, false);
        String version = fx.resourceVersion(account);

        assertThatThrownBy(() -> annotation.apply(step, annotation.observe(step, fx.context()), fx.context()))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("$(st-63a56169800f.clientId)");
        assertThat(fx.resourceVersion(account)).isEqualTo(version);
    }

    @Test
    void dryRunAndGitOpsChangeNothing(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "sa-dry");
        Target account = fx.target("v1", "ServiceAccount", "default");
        StepContext dryRun = fx.context(Map.of("st-63a56169800f.clientId", CLIENT_ID), true);
        StepContext live = fx.context(Map.of("st-63a56169800f.clientId", CLIENT_ID), false);
        String version = fx.resourceVersion(account);

        AnnotateServiceAccount step = annotate(account, false);
        Applied dry = annotation.apply(step, annotation.observe(step, dryRun), dryRun);
        AnnotateServiceAccount gitops = annotate(account, true);
        ObjectNode gitopsPrior = annotation.observe(gitops, live);
        Applied routed = annotation.apply(gitops, gitopsPrior, live);
        annotation.revert(gitops, gitopsPrior, live);

        assertThat(dry.changed()).isTrue();
        assertThat(routed.changed()).isFalse();
        assertThat(routed.detail()).contains("GitOps");
        assertThat(fx.resourceVersion(account)).isEqualTo(version);
    }
}
