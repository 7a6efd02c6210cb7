package io.wimigrate.executor.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wimigrate.azure.emulator.ManagedIdentity;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.azure.EmulatedAzure;
import io.wimigrate.executor.azure.EmulatedAzureExtension;
import io.wimigrate.planner.model.CheckPreflight;
import io.wimigrate.planner.model.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Azure preflight checks against the emulator: resource group access and room for federated credentials. */
@ExtendWith(EmulatedAzureExtension.class)
class AzurePreflightTest {

    private static EmulatedAzure azure;
    private final PreflightCheck handler = new PreflightCheck();

    @BeforeAll
    static void start(EmulatedAzure shared) {
        azure = shared;
    }

    private static CheckPreflight permissions(String resourceGroup) {
        String scope = "/subscriptions/" + azure.emulator.subscriptionId() + "/resourceGroups/" + resourceGroup;
        return new CheckPreflight(new Target(scope, null, "ResourceGroup", null, resourceGroup),
                new CheckPreflight.Desired("permissions", "Managed Identity Contributor"), "phases 1 and 2");
    }

    private static CheckPreflight quota(String identity, int room) {
        return new CheckPreflight(Target.identity(azure.emulator.subscriptionId(), EmulatedAzure.RESOURCE_GROUP,
                identity), new CheckPreflight.Desired("fic-quota", "room for " + room + " new federated credentials"
                + " (limit 20, existing unknown until apply)"), "at most 20");
    }

    @Test
    void aReadableResourceGroupPasses() {
        azure.emulator.seed().identity(EmulatedAzure.RESOURCE_GROUP, "id-preflight-a", "eastus");

        Applied applied = handler.apply(permissions(EmulatedAzure.RESOURCE_GROUP), null, azure.context());

        assertThat(applied.changed()).isFalse();
        assertThat(applied.detail()).startsWith("resource group " + EmulatedAzure.RESOURCE_GROUP + " is readable");
    }

    @Test
    void aMissingResourceGroupIsNamedWithTheFix() {
        assertThatThrownBy(() -> handler.apply(permissions("rg-never-made"), null, azure.context()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("list identities in resource group rg-never-made")
                .hasMessageContaining("ResourceGroupNotFound")
                .hasMessageContaining("Create the resource group, or plan again with --resource-group");
    }

    @Test
    void federatedCredentialRoomIsCountedAndTheLimitExplained() {
        ManagedIdentity nearlyFull = azure.emulator.seed().identity(EmulatedAzure.RESOURCE_GROUP, "id-nearly-full",
                "eastus");
        for (int i = 0; i < 19; i++) {
            azure.emulator.seed().federatedCredential(nearlyFull, "fic-" + i, "https://127.0.0.1:1",
                    "system:serviceaccount:ns:sa-" + i);
        }

        assertThat(handler.apply(quota("id-nearly-full", 1), null, azure.context()).detail())
                .isEqualTo("id-nearly-full holds 19 federated credentials; room for 1 more (limit 20)");
        assertThat(handler.apply(quota("id-to-be-created", 3), null, azure.context()).detail())
                .startsWith("id-to-be-created holds 0 federated credentials");
        assertThatThrownBy(() -> handler.apply(quota("id-nearly-full", 2), null, azure.dryRun()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("holds 19 federated credentials; 2 more would pass Azure's limit of 20")
                .hasMessageContaining("split the identity");
    }
}
