package io.wimigrate.executor.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.authorization.models.PrincipalType;
import com.azure.resourcemanager.authorization.models.RoleAssignment;
import com.azure.resourcemanager.authorization.models.RoleAssignmentCreateParameters;
import com.azure.resourcemanager.authorization.models.ServicePrincipal;
import com.azure.resourcemanager.msi.fluent.models.IdentityInner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.azure.AzureConnection;
import io.wimigrate.planner.model.CopyRoleAssignment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Gives the new identity the roles of the service principal it replaces: the one planned role on the planned scope,
 * or with {@code *} every assignment the service principal holds in the plan's subscriptions. Assignment names are
 * name-based UUIDs of (identity principal, role, scope), so a re-run writes the same names and Azure's 409
 * {@code RoleAssignmentExists} means done; revert deletes only assignments with such a name that were not there
 * before. {@code principalType} is always sent: Azure then skips the directory lookup that fails right after an
 * identity was created.
 */
public final class RoleAssignmentCopy implements StepHandler<CopyRoleAssignment> {

    private static final String SOURCE_CLIENT_ID = "sourceClientId";
    private static final String EXISTING = "existing";

    /** One role on one scope, by role definition id. */
    record Grant(String roleDefinitionId, String scope) {
        String roleGuid() {
            return roleDefinitionId.substring(roleDefinitionId.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        }

        String normalizedScope() {
            String lower = scope.toLowerCase(Locale.ROOT);
            return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
        }

        /** The assignment name this tool gives {@code principalId} for this grant. */
        String nameFor(String principalId) {
            return UUID.nameUUIDFromBytes(("wimigrate|" + principalId.toLowerCase(Locale.ROOT) + "|" + roleGuid()
                    + "|" + normalizedScope()).getBytes(StandardCharsets.UTF_8)).toString();
        }
    }

    @Override
    public ObjectNode observe(CopyRoleAssignment step, StepContext context) {
        ObjectNode prior = JsonNodeFactory.instance.objectNode();
        if (copiesAll(step)) {
            prior.put(SOURCE_CLIENT_ID, sourceClientId(step, context));
        }
        ArrayNode existing = prior.putArray(EXISTING);
        Identities.find(context, IdentityAddress.of(step.target())).ifPresent(identity ->
                assignmentsOf(context, identity.principalId().toString()).forEach(a -> existing.add(a.name())));
        return prior;
    }

    @Override
    public Applied apply(CopyRoleAssignment step, ObjectNode prior, StepContext context) {
        IdentityAddress address = IdentityAddress.of(step.target());
        List<Grant> grants = grants(step, prior, context);
        Optional<IdentityInner> identity = Identities.find(context, address);
        if (identity.isEmpty() && context.dryRun()) {
            return Applied.changed("would give " + address.display() + " " + describe(context, grants));
        }
        String principal = identity.orElseThrow(() -> new StepFailedException(address.display() + " does not"
                + " exist; its create-identity step must run first")).principalId().toString();
        Set<Grant> held = new HashSet<>();
        assignmentsOf(context, principal).forEach(a -> held.add(normalized(new Grant(a.roleDefinitionId(),
                a.scope()))));
        List<Grant> missing = grants.stream().filter(g -> !held.contains(normalized(g))).toList();
        if (missing.isEmpty()) {
            return Applied.unchanged(address.display() + " already holds " + describe(context, grants));
        }
        if (context.dryRun()) {
            return Applied.changed("would give " + address.display() + " " + describe(context, missing));
        }
        for (Grant grant : missing) {
            assign(context, address, principal, grant);
        }
        return Applied.changed("gave " + address.display() + " " + describe(context, missing));
    }

    @Override
    public void revert(CopyRoleAssignment step, ObjectNode prior, StepContext context) {
        Optional<IdentityInner> identity = Identities.find(context, IdentityAddress.of(step.target()));
        if (identity.isEmpty()) {
            return;
        }
        String principal = identity.get().principalId().toString();
        Set<String> before = new HashSet<>();
        prior.path(EXISTING).forEach(name -> before.add(name.asText()));
        Optional<Grant> only = copiesAll(step) ? Optional.empty() : Optional.of(plannedGrant(step, context));
        for (RoleAssignment assignment : assignmentsOf(context, principal)) {
            Grant grant = new Grant(assignment.roleDefinitionId(), assignment.scope());
            boolean ours = assignment.name().equals(grant.nameFor(principal)) && !before.contains(assignment.name())
                    && only.map(g -> normalized(g).equals(normalized(grant))).orElse(true);
            if (!ours) {
                continue;
            }
            if (context.dryRun()) {
                context.log().accept("would delete role assignment " + assignment.name() + " on " + grant.scope());
                continue;
            }
            try {
                ArmCalls.retrying("delete role assignment " + assignment.name(), context, () -> authorization(context,
                        grant.scope()).roleServiceClient().getRoleAssignments()
                        .delete(withoutLeadingSlash(grant.scope()), assignment.name()));
            } catch (HttpResponseException e) {
                throw ArmCalls.failed("delete role assignment " + assignment.name() + " on " + grant.scope(), e,
                        null);
            }
        }
    }

    private static boolean copiesAll(CopyRoleAssignment step) {
        return CopyRoleAssignment.ALL.equals(step.desired().role()) || CopyRoleAssignment.ALL.equals(
                step.desired().scope());
    }

    private List<Grant> grants(CopyRoleAssignment step, JsonNode prior, StepContext context) {
        if (!copiesAll(step)) {
            return List.of(plannedGrant(step, context));
        }
        String clientId = prior != null && prior.hasNonNull(SOURCE_CLIENT_ID) ? prior.get(SOURCE_CLIENT_ID).asText()
                : sourceClientId(step, context);
        AzureConnection azure = Identities.connection(context);
        ServicePrincipal source = ArmCalls.retrying("read service principal " + clientId, context,
                () -> azure.authorization(azure.subscriptions().get(0)).servicePrincipals()
                        .listByFilter("appId eq '" + clientId + "'").stream().findFirst())
                .orElseThrow(() -> new StepFailedException(step.desired().from() + ": no service principal with"
                        + " client id " + clientId + " in tenant " + azure.tenantId() + "; its roles cannot be"
                        + " copied. Check the client id, or copy the roles by hand"));
        Set<Grant> grants = new LinkedHashSet<>();
        assignmentsOf(context, source.id()).forEach(a -> grants.add(new Grant(a.roleDefinitionId(), a.scope())));
        return List.copyOf(grants);
    }

    private Grant plannedGrant(CopyRoleAssignment step, StepContext context) {
        String scope = step.desired().scope();
        try {
            String roleId = ArmCalls.retrying("read role " + step.desired().role(), context, () -> authorization(
                    context, scope).roleDefinitions().getByScopeAndRoleName(scope, step.desired().role()).id());
            return new Grant(roleId, scope);
        } catch (HttpResponseException e) {
            throw ArmCalls.failed("read role definition '" + step.desired().role() + "' at " + scope, e, null);
        }
    }

    private static String sourceClientId(CopyRoleAssignment step, StepContext context) {
        if (step.desired().principal() != null) {
            return step.desired().principal();
        }
        String[] from = step.desired().from().split("/");
        if (from.length != 3 || !"Secret".equals(from[0])) {
            throw new StepFailedException(step.desired().from() + ": the service principal's client id is not in"
                    + " the plan and it is not a Secret to find it from");
        }
        return SecretClientId.find(context.kube(), from[1], from[2]);
    }

    private static List<RoleAssignment> assignmentsOf(StepContext context, String principalObjectId) {
        AzureConnection azure = Identities.connection(context);
        List<RoleAssignment> all = new ArrayList<>();
        for (String subscription : azure.subscriptions()) {
            AuthorizationManager authorization = azure.authorization(subscription);
            all.addAll(ArmCalls.retrying("list role assignments of " + principalObjectId, context,
                    () -> authorization.roleAssignments().listByServicePrincipal(principalObjectId).stream()
                            .filter(a -> principalObjectId.equalsIgnoreCase(a.principalId())).toList()));
        }
        return all;
    }

    private static void assign(StepContext context, IdentityAddress address, String principal, Grant grant) {
        String name = grant.nameFor(principal);
        try {
            ArmCalls.retrying("assign role " + grant.roleGuid() + " on " + grant.scope(), context,
                    e -> ArmCalls.transientFailure(e) || "PrincipalNotFound".equals(ArmCalls.code(e)),
                    () -> authorization(context, grant.scope()).roleServiceClient().getRoleAssignments().create(
                            withoutLeadingSlash(grant.scope()), name, new RoleAssignmentCreateParameters()
                                    .withRoleDefinitionId(grant.roleDefinitionId()).withPrincipalId(principal)
                                    .withPrincipalType(PrincipalType.SERVICE_PRINCIPAL)));
        } catch (HttpResponseException e) {
            if (!"RoleAssignmentExists".equals(ArmCalls.code(e))) {
                throw ArmCalls.failed("assign role " + grant.roleDefinitionId() + " on " + grant.scope() + " to "
                        + address.display(), e, "The caller needs Role Based Access Control Administrator (or"
                        + " Owner) on " + grant.scope());
            }
        }
    }

    private static String describe(StepContext context, List<Grant> grants) {
        if (grants.isEmpty()) {
            return "no roles (the service principal holds none)";
        }
        List<String> parts = new ArrayList<>();
        grants.forEach(g -> parts.add(ArmCalls.retrying("read role " + g.roleGuid(), context, () -> authorization(
                context, g.scope()).roleDefinitions().getById(g.roleDefinitionId()).roleName()) + " on " + g.scope()));
        return String.join("; ", parts);
    }

    private static Grant normalized(Grant grant) {
        return new Grant(grant.roleGuid(), grant.normalizedScope());
    }

    /** The manager for the subscription of {@code scope}, or the first one for scopes above subscriptions. */
    private static AuthorizationManager authorization(StepContext context, String scope) {
        AzureConnection azure = Identities.connection(context);
        String[] parts = scope.split("/");
        String subscription = parts.length > 2 && "subscriptions".equalsIgnoreCase(parts[1]) ? parts[2]
                : azure.subscriptions().get(0);
        return azure.authorization(subscription);
    }

    private static String withoutLeadingSlash(String scope) {
        return scope.startsWith("/") ? scope.substring(1) : scope;
    }
}
