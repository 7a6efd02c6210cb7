package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;

/**
 * ARM federated identity credentials under a user-assigned identity. A write (PUT or DELETE) holds its identity for
 * {@link FaultKnobs#ficWriteDuration}; a second write to the same identity meanwhile fails with 409, as Azure's
 * concurrency detection does.
 */
final class FederatedIdentityCredentialHandler {
    static final String TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials";
    static final String PATH = "^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/"
            + "Microsoft\\.ManagedIdentity/userAssignedIdentities/([^/]+)/federatedIdentityCredentials(?:/([^/]+))?$";

    private final AzureState state;
    private final FaultKnobs faults;
    private final Set<String> writesInFlight = ConcurrentHashMap.newKeySet();

    FederatedIdentityCredentialHandler(AzureState state, FaultKnobs faults) {
        this.state = state;
        this.faults = faults;
    }

    Route route() {
        return Route.of(Route.Area.ARM, PATH, this::handle);
    }

    private ApiResponse handle(ApiRequest request, Matcher path) {
        ResourceGroup group = ArmScope.requireResourceGroup(state, path.group(1), path.group(2));
        String identityId = UserAssignedIdentityHandler.idOf(path.group(1), group.name(), path.group(3));
        ManagedIdentity identity = state.identity(identityId).orElseThrow(() -> ArmErrors.error(404,
                "ParentResourceNotFound", "The parent user-assigned identity does not exist."));
        String owner = AzureState.identityOwner(identity.id());
        String name = path.group(4);
        if (name == null) {
            UserAssignedIdentityHandler.requireMethod(request, "GET");
            return ApiResponse.json(200, Json.list(state.ficsOf(owner).stream().map(FederatedIdentityCredentialHandler::toJson).toList()));
        }
        return switch (request.method()) {
            case "GET" -> ApiResponse.json(200, toJson(state.fic(owner, name).orElseThrow(() -> notFound(name))));
            case "PUT" -> write(identity, () -> put(request, identity, owner, name));
            case "DELETE" -> write(identity, () -> ApiResponse.empty(state.deleteFic(owner, name).isPresent() ? 200 : 204));
            default -> throw UserAssignedIdentityHandler.methodNotAllowed(request);
        };
    }

    private ApiResponse write(ManagedIdentity identity, Supplier<ApiResponse> change) {
        String key = AzureState.key(identity.id());
        if (!writesInFlight.add(key)) {
            throw ArmErrors.error(409, "ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity",
                    "Too many Federated Identity Credentials are written concurrently for the managed identity '"
                            + key + "'. Concurrent Federated Identity Credentials writes under the same managed "
                            + "identity are not supported.");
        }
        try {
            Delays.sleep(faults.ficWriteDuration());
            return change.get();
        } finally {
            writesInFlight.remove(key);
        }
    }

    private ApiResponse put(ApiRequest request, ManagedIdentity identity, String owner, String name) {
        JsonNode body = request.json();
        if (!body.isObject()) {
            throw ArmErrors.invalidRequestContent("The request content was invalid and could not be deserialized.");
        }
        JsonNode properties = body.path("properties");
        List<String> audiences = new ArrayList<>();
        properties.path("audiences").forEach(a -> audiences.add(a.asText()));
        FederatedCredential candidate = new FederatedCredential(identity.id() + "/federatedIdentityCredentials/" + name,
                name, properties.path("issuer").asText(""), properties.path("subject").asText(""), audiences, null,
                Instant.now());
        try {
            boolean created = state.writeFic(owner, candidate, "Managed Identity");
            return ApiResponse.json(created ? 201 : 200, toJson(candidate));
        } catch (FicRuleViolation e) {
            throw ArmErrors.badRequest(e.getMessage());
        }
    }

    private static ApiException notFound(String name) {
        return ArmErrors.error(404, "NotFound", "Federated Identity Credential '" + name + "' was not found.");
    }

    static ObjectNode toJson(FederatedCredential credential) {
        ObjectNode node = Json.object();
        node.put("id", credential.id());
        node.put("name", credential.name());
        node.put("type", TYPE);
        ObjectNode properties = node.putObject("properties");
        properties.put("issuer", credential.issuer());
        properties.put("subject", credential.subject());
        properties.set("audiences", Json.array(credential.audiences()));
        return node;
    }
}
