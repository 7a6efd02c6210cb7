package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/**
 * ARM {@code Microsoft.Authorization/roleAssignments} at any scope: list (with {@code atScope()},
 * {@code principalId eq}, {@code assignedTo()}), get, PUT and DELETE, with ARM's uniqueness and principal checks.
 */
final class RoleAssignmentHandler {
    static final String PATH = "^(.*)/providers/Microsoft\\.Authorization/roleAssignments(?:/([^/]+))?$";
    private static final String TYPE = "Microsoft.Authorization/roleAssignments";
    private static final Set<String> PRINCIPAL_TYPES = Set.of("User", "Group", "ServicePrincipal", "ForeignGroup",
            "Device");

    private final AzureState state;
    private final FaultKnobs faults;

    RoleAssignmentHandler(AzureState state, FaultKnobs faults) {
        this.state = state;
        this.faults = faults;
    }

    Route route() {
        return Route.of(Route.Area.ARM, PATH, this::handle);
    }

    private ApiResponse handle(ApiRequest request, Matcher path) {
        String scope = path.group(1).isEmpty() ? "/" : path.group(1);
        ArmScope.requireScope(state, scope);
        String name = path.group(2);
        if (name == null) {
            UserAssignedIdentityHandler.requireMethod(request, "GET");
            return list(request, scope);
        }
        String id = idOf(scope, name);
        return switch (request.method()) {
            case "GET" -> ApiResponse.json(200, toJson(state.roleAssignment(id).orElseThrow(() -> notFound(name))));
            case "PUT" -> put(request, scope, name, id);
            case "DELETE" -> state.deleteRoleAssignment(id)
                    .map(a -> ApiResponse.json(200, toJson(a)))
                    .orElse(ApiResponse.empty(204));
            default -> throw UserAssignedIdentityHandler.methodNotAllowed(request);
        };
    }

    private ApiResponse list(ApiRequest request, String scope) {
        String raw = request.query().get("$filter");
        ODataFilter filter = ODataFilter.parse(raw)
                .filter(f -> f.onlyUses(Set.of("principalId"), Set.of("atScope", "assignedTo")))
                .orElseThrow(() -> ArmErrors.error(400, "UnsupportedQuery", "The filter '" + raw
                        + "' is not supported. Supported filters are atScope(), principalId eq '{id}' and "
                        + "assignedTo('{id}')."));
        boolean atScopeOnly = filter.functions().containsKey("atScope");
        Optional<String> principal = Optional.ofNullable(filter.equalities().get("principalId"))
                .or(() -> Optional.ofNullable(filter.functions().get("assignedTo")));
        Predicate<RoleAssignment> inScope = a -> ArmScope.contains(a.scope(), scope)
                || (!atScopeOnly && ArmScope.contains(scope, a.scope()));
        return ApiResponse.json(200, Json.list(state.roleAssignments().stream()
                .filter(inScope)
                .filter(a -> principal.map(p -> p.equalsIgnoreCase(a.principalId())).orElse(true))
                .map(RoleAssignmentHandler::toJson)
                .toList()));
    }

    private ApiResponse put(ApiRequest request, String scope, String name, String id) {
        if (!isGuid(name)) {
            throw ArmErrors.error(400, "InvalidRoleAssignmentId", "The role assignment ID '" + name
                    + "' is not valid. The role assignment ID must be a GUID.");
        }
        JsonNode properties = request.json().path("properties");
        String roleDefinitionId = properties.path("roleDefinitionId").asText("");
        String principalId = properties.path("principalId").asText("");
        String principalType = properties.path("principalType").asText(null);
        String roleGuid = roleDefinitionId.substring(roleDefinitionId.lastIndexOf('/') + 1);
        if (roleDefinitionId.isEmpty() || state.roleDefinition(roleGuid).isEmpty()) {
            throw ArmErrors.error(400, "RoleDefinitionDoesNotExist", "The specified role definition with ID '"
                    + roleGuid + "' does not exist.");
        }
        if (!isGuid(principalId)) {
            throw ArmErrors.error(400, "InvalidPrincipalId", "A valid principal ID must be provided for role "
                    + "assignment.");
        }
        checkPrincipal(principalId, principalType);
        Optional<RoleAssignment> sameName = state.roleAssignment(id);
        if (sameName.isPresent()) {
            RoleAssignment existing = sameName.get();
            if (existing.principalId().equalsIgnoreCase(principalId)
                    && existing.roleDefinitionGuid().equalsIgnoreCase(roleGuid)) {
                return ApiResponse.json(201, toJson(existing));
            }
            throw ArmErrors.error(400, "RoleAssignmentUpdateNotPermitted", "Tenant ID, application ID, principal "
                    + "ID, and scope are not allowed to be updated.");
        }
        boolean duplicate = state.roleAssignments().stream().anyMatch(a ->
                ArmScope.normalize(a.scope()).equals(ArmScope.normalize(scope))
                        && a.principalId().equalsIgnoreCase(principalId)
                        && a.roleDefinitionGuid().equalsIgnoreCase(roleGuid));
        if (duplicate) {
            throw ArmErrors.error(409, "RoleAssignmentExists", "The role assignment already exists.");
        }
        RoleAssignment created = new RoleAssignment(id, name, scope, roleDefinitionId, principalId,
                principalType == null ? "ServicePrincipal" : principalType, Instant.now());
        state.putRoleAssignment(created);
        return ApiResponse.json(201, toJson(created));
    }

    /**
     * Azure looks the principal up in the directory, which lags behind its creation; naming the principalType skips
     * that lookup for a principal that exists but has not replicated yet.
     */
    private void checkPrincipal(String principalId, String principalType) {
        if (principalType != null && !PRINCIPAL_TYPES.contains(principalType)) {
            throw ArmErrors.invalidRequestContent("The request content was invalid and could not be deserialized: "
                    + "'Error converting value \"" + principalType + "\" to type 'PrincipalType''.");
        }
        Optional<Instant> createdAt = state.principalCreatedAt(principalId);
        boolean replicated = createdAt.map(t -> !t.plus(faults.principalReplicationDelay()).isAfter(Instant.now()))
                .orElse(false);
        if (createdAt.isEmpty() || (!replicated && principalType == null)) {
            throw ArmErrors.error(400, "PrincipalNotFound", "Principal " + principalId.replace("-", "")
                    + " does not exist in the directory " + state.tenantId() + ". Check that you have the correct "
                    + "principal ID. If you are creating this principal and then immediately assigning a role, this "
                    + "error might be related to a replication delay. In this case, set the role assignment "
                    + "principalType property to a value, such as ServicePrincipal, User, or Group.  See "
                    + "https://aka.ms/docs-principaltype");
        }
        if (principalType != null && !principalType.equals("ServicePrincipal")) {
            throw ArmErrors.error(400, "UnmatchedPrincipalType", "The PrincipalId '" + principalId.replace("-", "")
                    + "' has type 'ServicePrincipal' , which is different from specified PrincipalType '"
                    + principalType + "'.");
        }
    }

    private static ApiException notFound(String name) {
        return ArmErrors.error(404, "RoleAssignmentNotFound", "The role assignment '" + name + "' is not found.");
    }

    static String idOf(String scope, String name) {
        return (scope.equals("/") ? "" : scope) + "/providers/" + TYPE + "/" + name;
    }

    static boolean isGuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static ObjectNode toJson(RoleAssignment assignment) {
        ObjectNode node = Json.object();
        ObjectNode properties = node.putObject("properties");
        properties.put("roleDefinitionId", assignment.roleDefinitionId());
        properties.put("principalId", assignment.principalId());
        properties.put("principalType", assignment.principalType());
        properties.put("scope", assignment.scope());
        properties.putNull("condition");
        properties.putNull("conditionVersion");
        properties.put("createdOn", assignment.createdOn().toString());
        properties.put("updatedOn", assignment.createdOn().toString());
        properties.putNull("delegatedManagedIdentityResourceId");
        properties.putNull("description");
        node.put("id", assignment.id());
        node.put("type", TYPE);
        node.put("name", assignment.name());
        return node;
    }
}
