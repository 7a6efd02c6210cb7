package io.wimigrate.azure.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.resourcemanager.authorization.models.RoleAssignment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SeederTest {
    private static AzureEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = AzureEmulator.builder().tenantId("11111111-2222-3333-4444-555555555555")
                .subscriptionIds("aaaaaaaa-0000-0000-0000-000000000001", "aaaaaaaa-0000-0000-0000-000000000002")
                .start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void seededRoleAssignmentsAreWhatTheSdkLists() {
        ManagedIdentity identity = emulator.seed().identity("rg-seed", "id-seed", "westeurope");
        String scope = "/subscriptions/" + emulator.subscriptionIds().get(1);
        emulator.seed().roleAssignment(scope, BuiltInRoles.KEY_VAULT_SECRETS_USER, identity.principalId());
        SdkClients clients = new SdkClients(emulator);

        assertThat(clients.authorization(clients.secretCredential(emulator.seed().servicePrincipalWithSecret("ops")))
                .roleAssignments().listByScope(scope))
                .singleElement()
                .satisfies(a -> assertThat(a.roleDefinitionId()).isEqualTo(scope
                        + "/providers/Microsoft.Authorization/roleDefinitions/" + BuiltInRoles.KEY_VAULT_SECRETS_USER
                        .name()))
                .extracting(RoleAssignment::principalId).isEqualTo(identity.principalId());
    }

    @Test
    void seedingKeepsTheFederatedCredentialRules() {
        ManagedIdentity identity = emulator.seed().identity("rg-seed", "id-full", "westeurope");
        for (int i = 0; i < 20; i++) {
            emulator.seed().federatedCredential(identity, "fic-" + i, "https://127.0.0.1:6443", "system:serviceaccount:a:"
                    + i);
        }

        assertThatThrownBy(() -> emulator.seed().federatedCredential(identity, "fic-20", "https://127.0.0.1:6443",
                "system:serviceaccount:a:20")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(20)");
        assertThatThrownBy(() -> emulator.seed().resourceGroup("ffffffff-0000-0000-0000-000000000000", "rg", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seededSecretsAreNeverInToString() {
        SeededApplication app = emulator.seed().servicePrincipalWithSecret("printable");

        assertThat(app.toString()).doesNotContain(app.secret()).contains("<redacted>");
        assertThat(app.application().passwordCredentials().get(0).toString()).doesNotContain(app.secret());
    }
}
