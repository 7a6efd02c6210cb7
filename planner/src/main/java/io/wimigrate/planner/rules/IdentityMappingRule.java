package io.wimigrate.planner.rules;

import io.wimigrate.planner.AzureFacts;
import io.wimigrate.planner.Overrides;
import io.wimigrate.planner.model.CopyRoleAssignment;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.PlanHeader;
import io.wimigrate.planner.model.ReuseIdentity;
import io.wimigrate.planner.model.Target;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which identity each credential source becomes. A user-assigned identity (AzureIdentity type 0) is reused: client id
 * and role assignments unchanged. A service principal becomes a new user-assigned identity with its role assignments
 * copied ({@code uami}), or its own app registration, federated ({@code app-fic}).
 */
public final class IdentityMappingRule implements PlanRule {

    @Override
    public void apply(PlanDraft draft) {
        for (CredentialSource source : draft.sources()) {
            if (!source.servicePrincipal()) {
                reuse(draft, source);
            } else if (draft.strategy(source).map(c -> Overrides.SpChoice.APP_FIC.equals(c.strategy())).orElse(false)) {
                federateApplication(draft, source);
            } else {
                replaceWithNewIdentity(draft, source);
            }
        }
    }

    private static void reuse(PlanDraft draft, CredentialSource source) {
        Target target = null;
        try {
            if (source.identity().resourceId() != null) {
                target = Target.identityById(source.identity().resourceId());
            }
        } catch (IllegalArgumentException notAnIdentityId) {
            target = null;
        }
        if (target == null || source.clientId() == null) {
            draft.problem(source.key() + ": a user-assigned identity needs a resourceID of a user-assigned identity and"
                    + " a clientID to be reused; fix the AzureIdentity or remove it");
            return;
        }
        draft.add(new ReuseIdentity(target, new ReuseIdentity.Desired(source.clientId()),
                source.name() + " is a user-assigned identity (type 0): reused as it is; client id and role"
                        + " assignments stay, so nothing changes for the code that uses it"));
        draft.map(source, new MappedIdentity(target, source.clientId(), tenant(draft, source)));
    }

    private static void federateApplication(PlanDraft draft, CredentialSource source) {
        String tenant = tenant(draft, source);
        Target target = Target.application(tenant == null ? "unresolved" : tenant, source.clientId());
        draft.map(source, new MappedIdentity(target, source.clientId(), tenant));
    }

    private static void replaceWithNewIdentity(PlanDraft draft, CredentialSource source) {
        PlanHeader.AzureHeader azure = draft.azure();
        if (!azure.subscription().resolved() || !azure.resourceGroup().resolved() || !azure.location().resolved()) {
            draft.problem(source.key() + ": a new user-assigned identity replaces this service principal, but where"
                    + " to create it is not known: give --subscription, --resource-group and --location");
            return;
        }
        Target target = Target.identity(azure.subscription().value(), azure.resourceGroup().value(),
                identityName(source));
        String replaces = source.clientId() == null ? source.name() : "service principal " + source.clientId();
        CreateIdentity create = new CreateIdentity(target, new CreateIdentity.Desired(azure.location().value(),
                replaces), "replaces " + source.name() + " (" + draft.strategy(source).orElseThrow().reason() + ")");
        draft.add(create);
        draft.map(source, new MappedIdentity(target, create.clientIdReference(), tenant(draft, source)));
        copyRoles(draft, source, target);
    }

    private static void copyRoles(PlanDraft draft, CredentialSource source, Target target) {
        Optional<List<AzureFacts.RoleAssignment>> roles = source.clientId() == null ? Optional.empty()
                : draft.request().azure().roleAssignments(source.clientId());
        if (roles.isPresent()) {
            roles.get().forEach(role -> draft.add(new CopyRoleAssignment(target,
                    new CopyRoleAssignment.Desired(source.name(), source.clientId(), role.role(), role.scope()),
                    "the new identity needs every role " + source.name() + " holds")));
            return;
        }
        String why = source.clientId() == null
                ? "its client id is not known to the plan: apply reads it from AZURE_CLIENT_ID of the workloads that"
                        + " read the Secret, then copies every role assignment it finds"
                : "Azure was not read (offline): apply lists the role assignments of " + source.clientId()
                        + " and copies every one";
        draft.add(new CopyRoleAssignment(target, new CopyRoleAssignment.Desired(source.name(), source.clientId(),
                CopyRoleAssignment.ALL, CopyRoleAssignment.ALL), "the new identity needs every role "
                + source.name() + " holds; " + why));
    }

    private static String tenant(PlanDraft draft, CredentialSource source) {
        if (source.identity() != null && source.identity().tenantId() != null) {
            return source.identity().tenantId();
        }
        return draft.azure().tenant().value();
    }

    /** {@code id-<name>}: identity names allow letters, digits, '-' and '_', 3-128 characters. */
    static String identityName(CredentialSource source) {
        String base = source.ref().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        String name = base.startsWith("id-") ? base : "id-" + base;
        return name.length() <= 128 ? name : name.substring(0, 128);
    }
}
