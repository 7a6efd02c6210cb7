package io.wimigrate.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.model.PlanHeader.AzureHeader;
import org.junit.jupiter.api.Test;

class AzureSettingsTest {

    @Test
    void infersWhatTheInventorySaysOnceAndNamesTheSource() {
        AzureHeader azure = AzureSettings.resolve(PlanRequest.offline(TestInventory.cluster("c")
                .userAssigned("a", "one-id", "00000000-0000-4000-8000-000000000001").build()));

        assertThat(azure.tenant().value()).isEqualTo(TestInventory.TENANT);
        assertThat(azure.tenant().source()).isEqualTo("inferred from the AKS OIDC issuer URL");
        assertThat(azure.location().value()).isEqualTo("westeurope");
        assertThat(azure.resourceGroup().value()).isEqualTo(TestInventory.RG);
        assertThat(azure.subscriptions()).containsExactly(TestInventory.SUBSCRIPTION);
        assertThat(azure.azureResolved()).isFalse();
    }

    @Test
    void leavesAmbiguousOrMissingValuesUnresolvedAndOptionsWin() {
        PlanRequest twoGroups = PlanRequest.offline(TestInventory.cluster("c").withoutIssuer()
                .userAssigned("a", "one-id", "00000000-0000-4000-8000-000000000001")
                .userAssignedWithId("b", "two-id", "00000000-0000-4000-8000-000000000002", "/subscriptions/"
                        + TestInventory.SUBSCRIPTION + "/resourceGroups/rg-other/providers/"
                        + "Microsoft.ManagedIdentity/userAssignedIdentities/two")
                .build());
        AzureHeader inferred = AzureSettings.resolve(twoGroups);
        AzureHeader given = AzureSettings.resolve(new PlanRequest(twoGroups.inventory(), AzureFacts.offline(), null,
                null, "t", null, "rg-new", "eastus", "AzureUSGovernment"));

        assertThat(inferred.resourceGroup().resolved()).isFalse();
        assertThat(inferred.resourceGroup().source()).isEqualTo(
                "unresolved: the inventory names several (rg-identities, rg-other)");
        assertThat(inferred.location().source()).isEqualTo("unresolved: not in the inventory");
        assertThat(given.resourceGroup().value()).isEqualTo("rg-new");
        assertThat(given.tenant().source()).isEqualTo("option");
        assertThat(given.cloud()).isEqualTo("AzureUSGovernment");
        assertThat(given.subscription().value()).isEqualTo(TestInventory.SUBSCRIPTION);
    }
}
