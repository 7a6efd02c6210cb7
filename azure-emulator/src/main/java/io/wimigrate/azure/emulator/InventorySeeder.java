package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.ClusterInventory;
import io.wimigrate.scanner.model.IdentityType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the Azure side of a scanned cluster into the emulator: the user-assigned identity each type-0 AzureIdentity
 * names (same ARM id and client id), an app registration and service principal with a client secret for each
 * service-principal AzureIdentity (same client id), and the role assignments listed in a file such as
 * {@code examples/azure/role-assignments.yaml}. The emulator must have been started with the cluster's tenant and
 * subscription.
 */
public final class InventorySeeder {

    /**
     * The Azure-side file: the service principals behind service-principal Secrets ({@code namespace/name} of the
     * Secret and the app id its readers use), which a dump cannot show, and role assignments, each naming an
     * AzureIdentity or such a Secret ({@code namespace/name}), a role and a scope.
     */
    record RoleAssignments(List<SecretPrincipal> servicePrincipals, List<Entry> roleAssignments) {
        RoleAssignments {
            servicePrincipals = servicePrincipals == null ? List.of() : servicePrincipals;
        }

        record SecretPrincipal(String secret, String appId) {
        }

        record Entry(String identity, String role, String scope) {
        }
    }

    /** What was seeded, by AzureIdentity ({@code namespace/name}): the principal id role assignments refer to. */
    public record Seeded(Map<String, String> principalIds, Map<String, SeededApplication> servicePrincipals) {
    }

    private InventorySeeder() {
    }

    public static Seeded seed(AzureEmulator emulator, ClusterInventory cluster, Path roleAssignments, String location) {
        Map<String, String> principalIds = new LinkedHashMap<>();
        Map<String, SeededApplication> servicePrincipals = new LinkedHashMap<>();
        for (AzureIdentity identity : cluster.azureIdentities()) {
            String key = identity.ref().namespace() + "/" + identity.ref().name();
            if (identity.type() == IdentityType.USER_ASSIGNED_MSI) {
                principalIds.put(key, emulator.seed()
                        .existingIdentity(identity.resourceId(), identity.clientId(), location).principalId());
            } else {
                SeededApplication application = emulator.seed()
                        .servicePrincipalWithSecret(identity.ref().name(), identity.clientId());
                servicePrincipals.put(key, application);
                principalIds.put(key, application.servicePrincipal().id());
            }
        }
        RoleAssignments azureSide = read(roleAssignments);
        for (RoleAssignments.SecretPrincipal secret : azureSide.servicePrincipals()) {
            SeededApplication application = emulator.seed().servicePrincipalWithSecret(
                    secret.secret().substring(secret.secret().indexOf('/') + 1), secret.appId());
            servicePrincipals.put(secret.secret(), application);
            principalIds.put(secret.secret(), application.servicePrincipal().id());
        }
        for (RoleAssignments.Entry entry : azureSide.roleAssignments()) {
            String principal = principalIds.get(entry.identity());
            if (principal == null) {
                throw new IllegalArgumentException(roleAssignments + ": no AzureIdentity or service-principal Secret "
                        + entry.identity());
            }
            RoleDefinition role = BuiltInRoles.ALL.stream().filter(r -> r.roleName().equals(entry.role()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            roleAssignments + ": unknown role " + entry.role()));
            if (emulator.state().resourceGroup(scopeSubscription(entry.scope()), scopeGroup(entry.scope()))
                    .isEmpty()) {
                emulator.seed().resourceGroup(scopeSubscription(entry.scope()), scopeGroup(entry.scope()), location);
            }
            emulator.seed().roleAssignment(entry.scope(), role, principal);
        }
        return new Seeded(principalIds, servicePrincipals);
    }

    private static RoleAssignments read(Path file) {
        try {
            return new YAMLMapper().readValue(file.toFile(), RoleAssignments.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String scopeSubscription(String scope) {
        return scope.split("/")[2];
    }

    private static String scopeGroup(String scope) {
        return scope.split("/")[4];
    }
}
