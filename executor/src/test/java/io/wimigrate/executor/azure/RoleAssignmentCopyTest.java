package io.wimigrate.executor.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.azure.emulator.BuiltInRoles;
import io.wimigrate.azure.emulator.ManagedIdentity;
import io.wimigrate.azure.emulator.RoleAssignment;
import io.wimigrate.azure.emulator.SeededApplication;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.planner.model.CopyRoleAssignment;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.Target;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Copying a service principal's role assignments to the identity that replaces it, against the emulator. */
@ExtendWith(EmulatedAzureExtension.class)
class RoleAssignmentCopyTest {

    private static EmulatedAzure azure;
    private static String storageScope;
    private final RoleAssignmentCopy handler = new RoleAssignmentCopy();

    @BeforeAll
    static void start(EmulatedAzure shared) {
        azure = shared;
        azure.emulator.seed().resourceGroup("rg-storage", "eastus");
        storageScope = "/subscriptions/" + azure.emulator.subscriptionId() + "/resourceGroups/rg-storage";
    }

    /** A service principal holding Reader on the migration group and Storage Blob Data Contributor on storage. */
    private static SeededApplication servicePrincipal(String name) {
        SeededApplication sp = azure.emulator.seed().application(name);
        azure.emulator.seed().roleAssignment(azure.scope(), BuiltInRoles.READER, sp.servicePrincipal().id());
        azure.emulator.seed().roleAssignment(storageScope, BuiltInRoles.STORAGE_BLOB_DATA_CONTRIBUTOR,
                sp.servicePrincipal().id());
        return sp;
    }

    private static ManagedIdentity identity(String name) {
        return azure.emulator.seed().identity(EmulatedAzure.RESOURCE_GROUP, name, "eastus");
    }

    private static Target target(String identity) {
        return Target.identity(azure.emulator.subscriptionId(), EmulatedAzure.RESOURCE_GROUP, identity);
    }

    private static CopyRoleAssignment copyAll(String identity, SeededApplication sp) {
        return new CopyRoleAssignment(target(identity), new CopyRoleAssignment.Desired("AzureIdentity/apps/" + identity,
                sp.appId(), CopyRoleAssignment.ALL, CopyRoleAssignment.ALL), "every role");
    }

    private static List<RoleAssignment> assignmentsOf(ManagedIdentity identity) {
        return azure.emulator.state().roleAssignments().stream()
                .filter(a -> a.principalId().equals(identity.principalId())).toList();
    }

    @Test
    void copiesEveryAssignmentUnderDeterministicNamesAndRevertRemovesOnlyThose() {
        SeededApplication sp = servicePrincipal("sp-copy-all");
        ManagedIdentity identity = identity("id-copy-all");
        RoleAssignment own = azure.emulator.seed().roleAssignment(storageScope, BuiltInRoles.READER,
                identity.principalId());
        CopyRoleAssignment step = copyAll("id-copy-all", sp);
        ObjectNode prior = handler.observe(step, azure.context());

        Applied first = handler.apply(step, prior, azure.context());
        Applied second = handler.apply(step, prior, azure.context());

        assertThat(first.changed()).isTrue();
        assertThat(second.changed()).isFalse();
        List<RoleAssignment> copied = assignmentsOf(identity).stream().filter(a -> !a.name().equals(own.name()))
                .toList();
        assertThat(copied).extracting(a -> a.roleDefinitionId().substring(a.roleDefinitionId().lastIndexOf('/') + 1)
                + "@" + a.scope()).containsExactlyInAnyOrder(BuiltInRoles.READER.name() + "@" + azure.scope(),
                BuiltInRoles.STORAGE_BLOB_DATA_CONTRIBUTOR.name() + "@" + storageScope);
        assertThat(copied).allMatch(a -> a.name().equals(new RoleAssignmentCopy.Grant(a.roleDefinitionId(),
                a.scope()).nameFor(identity.principalId())));
        assertThat(copied).allMatch(a -> a.principalType().equals("ServicePrincipal"));

        handler.revert(step, prior, azure.context());
        handler.revert(step, prior, azure.context());
        assertThat(assignmentsOf(identity)).extracting(RoleAssignment::name).containsExactly(own.name());
    }

    @Test
    void aPlannedRoleIsAssignedOnItsScopeAlone() {
        ManagedIdentity identity = identity("id-one-role");
        CopyRoleAssignment step = new CopyRoleAssignment(target("id-one-role"), new CopyRoleAssignment.Desired(
                "AzureIdentity/apps/legacy", "11111111-2222-3333-4444-555555555555", "Storage Blob Data Contributor",
                storageScope), "the role the service principal holds");
        ObjectNode prior = handler.observe(step, azure.context());

        handler.apply(step, prior, azure.context());

        assertThat(assignmentsOf(identity)).singleElement().satisfies(a -> {
            assertThat(a.scope()).isEqualTo(storageScope);
            assertThat(a.roleDefinitionId()).endsWith(BuiltInRoles.STORAGE_BLOB_DATA_CONTRIBUTOR.name());
        });
        assertThat(handler.apply(step, prior, azure.context()).changed()).isFalse();
        handler.revert(step, prior, azure.context());
        assertThat(assignmentsOf(identity)).isEmpty();
    }

    @Test
    void dryRunListsTheRolesAndAssignsNothing() {
        SeededApplication sp = servicePrincipal("sp-dry");
        ManagedIdentity identity = identity("id-dry-roles");
        CopyRoleAssignment step = copyAll("id-dry-roles", sp);

        Applied applied = handler.apply(step, handler.observe(step, azure.dryRun()), azure.dryRun());

        assertThat(applied.detail()).startsWith("would give identity id-dry-roles")
                .contains("Reader on " + azure.scope(), "Storage Blob Data Contributor on " + storageScope);
        assertThat(assignmentsOf(identity)).isEmpty();
    }

    @Test
    void aFreshlyCreatedIdentityGetsItsRolesDespiteDirectoryReplicationDelay() {
        SeededApplication sp = servicePrincipal("sp-fresh");
        azure.emulator.faults().principalReplicationDelay(Duration.ofMinutes(5));
        CreateIdentity create = new CreateIdentity(target("id-fresh"), new CreateIdentity.Desired("eastus",
                "service principal " + sp.appId()), "replaces");
        IdentityCreation creation = new IdentityCreation();
        creation.apply(create, creation.observe(create, azure.context()), azure.context());
        CopyRoleAssignment step = copyAll("id-fresh", sp);

        Applied applied = handler.apply(step, handler.observe(step, azure.context()), azure.context());

        assertThat(applied.changed()).isTrue();
        ManagedIdentity identity = azure.emulator.state().identities().stream()
                .filter(i -> i.name().equals("id-fresh")).findFirst().orElseThrow();
        assertThat(assignmentsOf(identity)).hasSize(2);
    }

    /** The service principal's lookup in Graph rides out more 5xx than the SDK retries (its 4 requests all fail). */
    @Test
    void theServicePrincipalsLookupIsRetriedPastTheSdksRetries() {
        SeededApplication sp = servicePrincipal("sp-graph-errors");
        ManagedIdentity identity = identity("id-graph-errors");
        CopyRoleAssignment step = copyAll("id-graph-errors", sp);
        ObjectNode prior = handler.observe(step, azure.context());
        azure.emulator.faults().serverErrorNext(4);

        Applied applied = handler.apply(step, prior, azure.context());

        assertThat(applied.changed()).isTrue();
        assertThat(assignmentsOf(identity)).hasSize(2);
        assertThat(azure.emulator.requestLog().all()).filteredOn(r -> r.status() == 500
                && r.path().contains("servicePrincipals")).hasSize(4);
    }

    @Test
    void anUnknownServicePrincipalOrMissingIdentityIsNamed() {
        SeededApplication sp = servicePrincipal("sp-no-identity");
        CopyRoleAssignment unknownSource = new CopyRoleAssignment(target("id-x"), new CopyRoleAssignment.Desired(
                "AzureIdentity/apps/ghost", "99999999-8888-7777-6666-555555555555", CopyRoleAssignment.ALL,
                CopyRoleAssignment.ALL), "every role");

        assertThatThrownBy(() -> handler.apply(unknownSource, handler.observe(unknownSource, azure.context()),
                azure.context())).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("AzureIdentity/apps/ghost: no service principal with client id"
                        + " 99999999-8888-7777-6666-555555555555");
        assertThatThrownBy(() -> handler.apply(copyAll("id-not-there", sp), handler.observe(copyAll("id-not-there",
                sp), azure.context()), azure.context())).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("identity id-not-there in resource group " + EmulatedAzure.RESOURCE_GROUP)
                .hasMessageContaining("create-identity step must run first");
    }
}
