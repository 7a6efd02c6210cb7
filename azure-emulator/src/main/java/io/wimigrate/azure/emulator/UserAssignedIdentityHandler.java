package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;

/** ARM {@code Microsoft.ManagedIdentity/userAssignedIdentities}: PUT, GET, list by group and subscription, DELETE. */
final class UserAssignedIdentityHandler {
    static final String TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities";
    static final String IN_GROUP = "^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/"
            + "Microsoft\\.ManagedIdentity/userAssignedIdentities(?:/([^/]+))?$";
    static final String IN_SUBSCRIPTION = "^/subscriptions/([^/]+)/providers/"
            + "Microsoft\\.ManagedIdentity/userAssignedIdentities$";

    private final AzureState state;

    UserAssignedIdentityHandler(AzureState state) {
        this.state = state;
    }

    List<Route> routes() {
        return List.of(Route.of(Route.Area.ARM, IN_GROUP, this::inGroup),
                Route.of(Route.Area.ARM, IN_SUBSCRIPTION, this::inSubscription));
    }

    private ApiResponse inSubscription(ApiRequest request, Matcher path) {
        requireMethod(request, "GET");
        ArmScope.requireSubscription(state, path.group(1));
        return ApiResponse.json(200, Json.list(state.identities().stream()
                .filter(i -> i.subscriptionId().equalsIgnoreCase(path.group(1)))
                .map(UserAssignedIdentityHandler::toJson).toList()));
    }

    private ApiResponse inGroup(ApiRequest request, Matcher path) {
        String subscriptionId = path.group(1);
        ResourceGroup group = ArmScope.requireResourceGroup(state, subscriptionId, path.group(2));
        String name = path.group(3);
        if (name == null) {
            requireMethod(request, "GET");
            return ApiResponse.json(200, Json.list(state.identities().stream()
                    .filter(i -> i.subscriptionId().equalsIgnoreCase(subscriptionId)
                            && i.resourceGroup().equalsIgnoreCase(group.name()))
                    .map(UserAssignedIdentityHandler::toJson).toList()));
        }
        String id = idOf(subscriptionId, group.name(), name);
        return switch (request.method()) {
            case "GET" -> ApiResponse.json(200, toJson(require(state, id, group.name(), name)));
            case "PUT" -> put(request, subscriptionId, group, name, id);
            case "DELETE" -> ApiResponse.empty(state.deleteIdentity(id) ? 200 : 204);
            default -> throw methodNotAllowed(request);
        };
    }

    private ApiResponse put(ApiRequest request, String subscriptionId, ResourceGroup group, String name, String id) {
        JsonNode body = request.json();
        if (!body.isObject()) {
            throw ArmErrors.invalidRequestContent("The request content was invalid and could not be deserialized.");
        }
        String location = body.path("location").asText("");
        if (location.isBlank()) {
            throw ArmErrors.error(400, "LocationRequired", "The location property is required for this definition.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        body.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        boolean exists = state.identity(id).isPresent();
        ManagedIdentity stored = state.putIdentity(new ManagedIdentity(id, subscriptionId, group.name(), name,
                location, tags, state.tenantId(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                Instant.now()));
        return ApiResponse.json(exists ? 200 : 201, toJson(stored));
    }

    static ManagedIdentity require(AzureState state, String id, String group, String name) {
        return state.identity(id).orElseThrow(() -> ArmErrors.error(404, "ResourceNotFound", "The Resource '"
                + TYPE + "/" + name + "' under resource group '" + group + "' was not found. For more details please "
                + "go to https://aka.ms/ARMResourceNotFoundFix"));
    }

    static String idOf(String subscriptionId, String group, String name) {
        return "/subscriptions/" + subscriptionId + "/resourcegroups/" + group + "/providers/" + TYPE + "/" + name;
    }

    static ObjectNode toJson(ManagedIdentity identity) {
        ObjectNode node = Json.object();
        node.put("id", identity.id());
        node.put("name", identity.name());
        node.put("type", TYPE);
        node.put("location", identity.location());
        ObjectNode tags = node.putObject("tags");
        identity.tags().forEach(tags::put);
        ObjectNode properties = node.putObject("properties");
        properties.put("isolationScope", "None");
        properties.put("tenantId", identity.tenantId());
        properties.put("principalId", identity.principalId());
        properties.put("clientId", identity.clientId());
        return node;
    }

    static void requireMethod(ApiRequest request, String method) {
        if (!request.method().equals(method)) {
            throw methodNotAllowed(request);
        }
    }

    static ApiException methodNotAllowed(ApiRequest request) {
        return ArmErrors.error(405, "MethodNotAllowed", "The requested resource does not support http method '"
                + request.method() + "'.");
    }
}
