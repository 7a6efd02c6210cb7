package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * Entra's v2 token endpoint for the client-credentials grant, with a client secret (app registrations) or a
 * federated client assertion (managed identities and app registrations with FICs).
 */
final class TokenEndpointHandler {
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access");

    private final AzureState state;
    private final AccessTokens tokens;
    private final ClientAssertionValidator assertions;
    private final Set<String> resources;
    private final String baseUrl;

    TokenEndpointHandler(AzureState state, AccessTokens tokens, ClientAssertionValidator assertions,
                         Set<String> resources, String baseUrl) {
        this.state = state;
        this.tokens = tokens;
        this.assertions = assertions;
        this.resources = Set.copyOf(resources);
        this.baseUrl = baseUrl;
    }

    Route route() {
        return Route.of(Route.Area.ENTRA, "^/([^/]+)/oauth2/v2\\.0/token$", this::handle);
    }

    /** Who the client id names: its principal's object id and whose federated credentials apply. */
    private record Client(String clientId, String objectId, String ficOwner, boolean application) {
    }

    private ApiResponse handle(ApiRequest request, Matcher path) {
        String correlationId = request.header("client-request-id").orElseGet(() -> UUID.randomUUID().toString());
        if (!request.method().equals("POST")) {
            throw fail(400, "invalid_request", 900561, "The endpoint only accepts POST requests. Received a "
                    + request.method() + " request.", correlationId);
        }
        if (!path.group(1).equalsIgnoreCase(state.tenantId())) {
            throw fail(400, "invalid_request", 90002, "Tenant '" + path.group(1) + "' not found. Check to make sure "
                    + "you have the correct tenant ID and are signing into the correct cloud.", correlationId);
        }
        Map<String, String> form = request.form();
        if (!"client_credentials".equals(form.get("grant_type"))) {
            throw fail(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
                    + form.get("grant_type") + "'.", correlationId);
        }
        String clientId = Optional.ofNullable(form.get("client_id")).filter(s -> !s.isBlank()).orElseThrow(() ->
                fail(400, "invalid_request", 900144, "The request body must contain the following parameter: "
                        + "'client_id'.", correlationId));
        String resource = resource(form.getOrDefault("scope", ""), correlationId);
        Client client = client(clientId).orElseThrow(() -> fail(400, "unauthorized_client", 700016,
                "Application with identifier '" + clientId + "' was not found in the directory '"
                        + state.tenantId() + "'. This can happen if the application has not been installed by the "
                        + "administrator of the tenant or consented to by any user in the tenant. You may have sent "
                        + "your authentication request to the wrong tenant.", correlationId));
        String secret = form.get("client_secret");
        String assertion = form.get("client_assertion");
        if (secret != null) {
            boolean valid = client.application()
                    && state.secretMatches(clientId, GraphApplicationHandler.sha256(secret));
            if (!valid) {
                throw fail(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being "
                        + "sent in the request is the client secret value, not the client secret ID, for a secret "
                        + "added to app '" + clientId + "'.", correlationId);
            }
        } else if (assertion != null) {
            if (!JWT_BEARER.equals(form.get("client_assertion_type"))) {
                throw fail(400, "invalid_request", 90014, "The required field 'client_assertion_type' is missing "
                        + "from the credential. Ensure that you have all the necessary parameters for the login "
                        + "request.", correlationId);
            }
            try {
                assertions.validate(assertion, state.ficsOf(client.ficOwner()));
            } catch (ClientAssertionValidator.Rejected e) {
                throw fail(e.status, e.error, e.code, e.getMessage(), correlationId);
            }
        } else {
            throw fail(401, "invalid_client", 7000218, "The request body must contain the following parameter: "
                    + "'client_assertion' or 'client_secret'.", correlationId);
        }
        ObjectNode body = Json.object();
        body.put("token_type", "Bearer");
        body.put("expires_in", AccessTokens.LIFETIME.toSeconds() - 1);
        body.put("ext_expires_in", AccessTokens.LIFETIME.toSeconds() - 1);
        body.put("access_token", tokens.issue(state.tenantId(), client.clientId(), client.objectId(), resource));
        return ApiResponse.json(200, body, Map.of("Cache-Control", "no-store, no-cache", "Pragma", "no-cache"));
    }

    /** The one resource a client-credentials request may ask for, as {@code <resource>/.default}. */
    private String resource(String scope, String correlationId) {
        List<String> requested = Arrays.stream(scope.trim().split("\\s+"))
                .filter(s -> !s.isEmpty() && !OIDC_SCOPES.contains(s)).toList();
        if (requested.size() != 1 || !requested.get(0).endsWith("/.default")) {
            throw fail(400, "invalid_scope", 1002012, "The provided value for scope " + scope + " is not valid. "
                    + "Client credential flows must have a scope value with /.default suffixed to the resource "
                    + "identifier (application ID URI).", correlationId);
        }
        String resource = requested.get(0).substring(0, requested.get(0).length() - "/.default".length());
        if (!resources.contains(AccessTokens.trimSlash(resource))) {
            throw fail(400, "invalid_resource", 500011, "The resource principal named " + resource + " was not "
                    + "found in the tenant named " + state.tenantId() + ". This can happen if the application has "
                    + "not been installed by the administrator of the tenant or consented to by any user in the "
                    + "tenant. You might have sent your authentication request to the wrong tenant.", correlationId);
        }
        return resource;
    }

    private Optional<Client> client(String clientId) {
        return state.identityByClientId(clientId)
                .map(i -> new Client(i.clientId(), i.principalId(), AzureState.identityOwner(i.id()), false))
                .or(() -> state.applicationByAppId(clientId).flatMap(a -> state.servicePrincipals().stream()
                        .filter(sp -> sp.appId().equalsIgnoreCase(a.appId())).findFirst()
                        .map(sp -> new Client(a.appId(), sp.id(), AzureState.applicationOwner(a.id()), true))));
    }

    private ApiException fail(int status, String error, int code, String description, String correlationId) {
        return EntraErrors.error(status, error, code, description, correlationId, baseUrl);
    }
}
