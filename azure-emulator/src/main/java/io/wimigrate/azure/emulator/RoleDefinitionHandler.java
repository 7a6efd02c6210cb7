package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/** ARM {@code Microsoft.Authorization/roleDefinitions}: the seeded built-in roles, readable at any scope. */
final class RoleDefinitionHandler {
    static final String PATH = "^(.*)/providers/Microsoft\\.Authorization/roleDefinitions(?:/([^/]+))?$";
    private static final String TYPE = "Microsoft.Authorization/roleDefinitions";

    private final AzureState state;

    RoleDefinitionHandler(AzureState state) {
        this.state = state;
    }

    Route route() {
        return Route.of(Route.Area.ARM, PATH, this::handle);
    }

    private ApiResponse handle(ApiRequest request, Matcher path) {
        UserAssignedIdentityHandler.requireMethod(request, "GET");
        String scope = path.group(1);
        ArmScope.requireScope(state, scope);
        String name = path.group(2);
        if (name != null) {
            return ApiResponse.json(200, toJson(scope, require(state, name)));
        }
        ODataFilter filter = ODataFilter.parse(request.query().get("$filter"))
                .filter(f -> f.onlyUses(Set.of("roleName", "type"), Set.of()))
                .orElseThrow(() -> ArmErrors.error(400, "InvalidFilterInQueryString",
                        "The filter '" + request.query().get("$filter") + "' is not supported."));
        String roleName = filter.equalities().get("roleName");
        String type = filter.equalities().get("type");
        List<ObjectNode> matching = state.roleDefinitions().stream()
                .filter(r -> roleName == null || r.roleName().equalsIgnoreCase(roleName))
                .filter(r -> type == null || type.equalsIgnoreCase("BuiltInRole"))
                .map(r -> toJson(scope, r))
                .toList();
        return ApiResponse.json(200, Json.list(matching));
    }

    static RoleDefinition require(AzureState state, String guid) {
        return state.roleDefinition(guid).orElseThrow(() -> ArmErrors.error(404, "RoleDefinitionDoesNotExist",
                "The specified role definition with ID '" + guid + "' does not exist."));
    }

    static ObjectNode toJson(String scope, RoleDefinition role) {
        ObjectNode node = Json.object();
        node.put("id", ArmScope.normalize(scope).isEmpty() ? "/providers/" + TYPE + "/" + role.name()
                : scope + "/providers/" + TYPE + "/" + role.name());
        node.put("name", role.name());
        node.put("type", TYPE);
        ObjectNode properties = node.putObject("properties");
        properties.put("roleName", role.roleName());
        properties.put("type", "BuiltInRole");
        properties.put("description", role.description());
        properties.set("assignableScopes", Json.array(List.of("/")));
        ObjectNode permission = properties.putArray("permissions").addObject();
        permission.set("actions", Json.array(role.actions()));
        permission.set("notActions", Json.array(List.of()));
        permission.set("dataActions", Json.array(role.dataActions()));
        permission.set("notDataActions", Json.array(List.of()));
        properties.put("createdOn", "2015-02-02T21:55:09.8806423Z");
        properties.put("updatedOn", "2024-01-01T00:00:00.0000000Z");
        return node;
    }
}
