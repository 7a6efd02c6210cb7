package io.wimigrate.executor.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.DeleteAzureIdentity;
import io.wimigrate.planner.model.DeleteBinding;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DeleteBinding and DeleteAzureIdentity: deleted once, a full copy in the journal, recreated as they were. */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class RecordedDeletionTest {

    private static final String IDENTITY_SPEC = "{\"type\":0,\"clientID\":\"95a6e16b-64b9-4c89-83d4-a384434f4c20\","
            + "\"resourceID\":\"/subscriptions/b6e1d2c3-8f47-4a59-a0c2-7d3e9f1b5a64/resourceGroups/rg/providers/"
            + "Microsoft.ManagedIdentity/userAssignedIdentities/id-orders-processor\"}";
    private static final String BINDING_SPEC = "{\"azureIdentity\":\"orders-processor-id\","
            + "\"selector\":\"orders-processor\"}";

    private final RecordedDeletion<DeleteBinding> bindings = new RecordedDeletion<>();
    private final RecordedDeletion<DeleteAzureIdentity> identities = new RecordedDeletion<>();

    @BeforeAll
    static void crds(KubernetesClient client) {
        KubeFixtures.podIdentityCrds(client);
    }

    @Test
    void bindingIsDeletedOnceAndRevertRecreatesItFromTheJournal(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "binding");
        Target binding = fx.podIdentityObject("AzureIdentityBinding", "orders-processor-binding", BINDING_SPEC);
        DeleteBinding step = new DeleteBinding(binding, new DeleteBinding.Desired("orders-processor",
                "orders-processor-id", "absent"), false, "test");
        StepChecks.dryRunChangesNothing(fx, bindings, step, binding);

        ObjectNode prior = deletedOnceAndRecreatedByRevert(fx, bindings, step, binding);

        assertThat(prior.at("/object/spec/selector").asText()).isEqualTo("orders-processor");
        assertThat(prior.at("/object/metadata").has("resourceVersion")).isFalse();
    }

    @Test
    void azureIdentityIsDeletedOnceAndRevertRecreatesItFromTheJournal(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "identity");
        Target identity = fx.podIdentityObject("AzureIdentity", "orders-processor-id", IDENTITY_SPEC);
        DeleteAzureIdentity step = new DeleteAzureIdentity(identity, new DeleteAzureIdentity.Desired("absent"),
                false, "test");

        ObjectNode prior = deletedOnceAndRecreatedByRevert(fx, identities, step, identity);

        assertThat(prior.at("/object/spec/clientID").asText()).isEqualTo("95a6e16b-64b9-4c89-83d4-a384434f4c20");
    }

    /** Apply deletes, a second apply finds it gone, revert recreates it as it was, a second revert does nothing. */
    private static <S extends Step> ObjectNode deletedOnceAndRecreatedByRevert(KubeFixtures fx,
                                                                              StepHandler<S> handler, S step,
                                                                              Target target) {
        ObjectNode before = fx.recreatable(target);
        ObjectNode prior = handler.observe(step, fx.context());

        assertThat(handler.apply(step, prior, fx.context()).changed()).isTrue();
        assertThat(fx.read(target)).isNull();
        assertThat(handler.apply(step, prior, fx.context()).detail()).contains("already gone");

        handler.revert(step, prior, fx.context());
        assertThat(fx.recreatable(target)).isEqualTo(before);
        StepChecks.revertAgainIsNoOp(fx, handler, step, prior, target);
        return prior;
    }

    @Test
    void gitOpsDeletionsAreNotCarriedOutLive(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "identity-gitops");
        Target identity = fx.podIdentityObject("AzureIdentity", "payments-worker-id", IDENTITY_SPEC);
        Target binding = fx.podIdentityObject("AzureIdentityBinding", "payments-worker-binding", BINDING_SPEC);

        StepChecks.gitOpsNotPatchedLive(fx, identities, new DeleteAzureIdentity(identity,
                new DeleteAzureIdentity.Desired("absent"), true, "test"), identity);
        StepChecks.gitOpsNotPatchedLive(fx, bindings, new DeleteBinding(binding, new DeleteBinding.Desired(
                "payments-worker", "payments-worker-id", "absent"), true, "test"), binding);
    }
}
