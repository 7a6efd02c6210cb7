package io.wimigrate.executor.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.azure.emulator.ManagedIdentity;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.ReuseIdentity;
import io.wimigrate.planner.model.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Creating and reusing user-assigned identities against the emulator, through the real SDK. */
@ExtendWith(EmulatedAzureExtension.class)
class IdentityStepsTest {

    private static EmulatedAzure azure;
    private final IdentityCreation creation = new IdentityCreation();
    private final IdentityReuse reuse = new IdentityReuse();

    @BeforeAll
    static void start(EmulatedAzure shared) {
        azure = shared;
    }

    private static CreateIdentity create(String name) {
        return new CreateIdentity(Target.identity(azure.emulator.subscriptionId(), EmulatedAzure.RESOURCE_GROUP,
                name), new CreateIdentity.Desired("eastus", "service principal 1234"), "replaces an SP");
    }

    private static boolean exists(String name) {
        return azure.emulator.state().identities().stream().anyMatch(i -> i.name().equals(name));
    }

    @Test
    void createsTheIdentityOnceOutputsItsIdsAndRevertDeletesIt() {
        CreateIdentity step = create("id-orders-legacy-sp");
        ObjectNode prior = creation.observe(step, azure.context());

        Applied first = creation.apply(step, prior, azure.context());
        Applied second = creation.apply(step, prior, azure.context());

        ManagedIdentity created = azure.emulator.state().identities().stream()
                .filter(i -> i.name().equals("id-orders-legacy-sp")).findFirst().orElseThrow();
        assertThat(first.changed()).isTrue();
        assertThat(first.outputs()).containsEntry("clientId", created.clientId())
                .containsEntry("principalId", created.principalId());
        assertThat(created.tags()).containsEntry(IdentityCreation.CREATED_BY, step.id());
        assertThat(second.changed()).isFalse();
        assertThat(second.outputs()).isEqualTo(first.outputs());

        creation.revert(step, prior, azure.context());
        creation.revert(step, prior, azure.context());
        assertThat(exists("id-orders-legacy-sp")).isFalse();
    }

    @Test
    void aCrashAfterCreationIsCompletedByTheNextApplyWithTheJournaledPrior() {
        CreateIdentity step = create("id-crashed");
        ObjectNode prior = creation.observe(step, azure.context());
        creation.apply(step, prior, azure.context());
        // the journal never recorded the outcome: the executor applies again with the same prior
        Applied again = creation.apply(step, prior, azure.context());

        assertThat(again.changed()).isFalse();
        assertThat(again.outputs()).containsKeys("clientId", "principalId");

        // observed again after the crash, the identity shows as this step's, so rollback still removes it
        ObjectNode reobserved = creation.observe(step, azure.context());
        assertThat(reobserved.path("createdByThisStep").asBoolean()).isTrue();
        creation.revert(step, reobserved, azure.context());
        assertThat(exists("id-crashed")).isFalse();
    }

    @Test
    void dryRunDescribesTheCreationAndChangesNothing() {
        CreateIdentity step = create("id-dry");

        Applied applied = creation.apply(step, creation.observe(step, azure.dryRun()), azure.dryRun());

        assertThat(applied.changed()).isTrue();
        assertThat(applied.detail()).startsWith("would create identity id-dry");
        assertThat(exists("id-dry")).isFalse();
    }

    @Test
    void anIdentityOfTheSameNameThatThisPlanDidNotCreateIsRefusedAndNeverDeleted() {
        azure.emulator.seed().identity(EmulatedAzure.RESOURCE_GROUP, "id-someone-elses", "eastus");
        CreateIdentity step = create("id-someone-elses");
        ObjectNode prior = creation.observe(step, azure.context());

        assertThatThrownBy(() -> creation.apply(step, prior, azure.context()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("id-someone-elses in resource group " + EmulatedAzure.RESOURCE_GROUP)
                .hasMessageContaining("already exists and was not created by this plan");
        creation.revert(step, prior, azure.context());
        // even a prior that says it did not exist deletes nothing without this step's tag
        creation.revert(step, JsonNodeFactory.instance.objectNode().put("existed", false), azure.context());
        assertThat(exists("id-someone-elses")).isTrue();
    }

    @Test
    void reuseConfirmsTheClientIdAndOutputsTheIds() {
        ManagedIdentity existing = azure.emulator.seed().identity(EmulatedAzure.RESOURCE_GROUP, "id-payments-api",
                "eastus");
        ReuseIdentity step = new ReuseIdentity(Target.identity(azure.emulator.subscriptionId(),
                EmulatedAzure.RESOURCE_GROUP, "id-payments-api"), new ReuseIdentity.Desired(existing.clientId()),
                "type 0");

        Applied applied = reuse.apply(step, reuse.observe(step, azure.context()), azure.context());

        assertThat(applied.changed()).isFalse();
        assertThat(applied.outputs()).containsEntry("clientId", existing.clientId())
                .containsEntry("principalId", existing.principalId());
        reuse.revert(step, reuse.observe(step, azure.context()), azure.context());
        assertThat(exists("id-payments-api")).isTrue();
    }

    @Test
    void reuseOfAMissingOrRecreatedIdentityNamesTheProblem() {
        azure.emulator.seed().identity(EmulatedAzure.RESOURCE_GROUP, "id-recreated", "eastus");
        Target missing = Target.identity(azure.emulator.subscriptionId(), EmulatedAzure.RESOURCE_GROUP, "id-gone");
        Target recreated = Target.identity(azure.emulator.subscriptionId(), EmulatedAzure.RESOURCE_GROUP,
                "id-recreated");
        String planned = "00000000-0000-0000-0000-000000000001";

        assertThatThrownBy(() -> reuse.apply(new ReuseIdentity(missing, new ReuseIdentity.Desired(planned), "r"),
                null, azure.context())).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("identity id-gone in resource group " + EmulatedAzure.RESOURCE_GROUP
                        + " (subscription " + azure.emulator.subscriptionId() + ") does not exist");
        assertThatThrownBy(() -> reuse.apply(new ReuseIdentity(recreated, new ReuseIdentity.Desired(planned), "r"),
                null, azure.context())).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("not " + planned + " as the AzureIdentity says");
    }
}
