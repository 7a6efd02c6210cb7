package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;

/** The tenant's OIDC discovery document and the JWKS of the emulator's token-signing key. */
final class OpenIdMetadataHandler {
    private final AzureState state;
    private final AccessTokens tokens;
    private final String baseUrl;

    OpenIdMetadataHandler(AzureState state, AccessTokens tokens, String baseUrl) {
        this.state = state;
        this.tokens = tokens;
        this.baseUrl = baseUrl;
    }

    List<Route> routes() {
        return List.of(
                Route.of(Route.Area.ENTRA, "^/([^/]+)/v2\\.0/\\.well-known/openid-configuration$", this::discovery),
                Route.of(Route.Area.ENTRA, "^/([^/]+)/discovery/v2\\.0/keys$", this::keys));
    }

    private ApiResponse discovery(ApiRequest request, Matcher path) {
        requireTenant(path.group(1));
        String tenantBase = baseUrl + "/" + state.tenantId();
        ObjectNode body = Json.object();
        body.put("issuer", tokens.issuer());
        body.put("token_endpoint", tenantBase + "/oauth2/v2.0/token");
        body.put("authorization_endpoint", tenantBase + "/oauth2/v2.0/authorize");
        body.put("jwks_uri", tenantBase + "/discovery/v2.0/keys");
        body.set("token_endpoint_auth_methods_supported",
                Json.array(List.of("client_secret_post", "private_key_jwt", "client_secret_basic")));
        body.set("response_types_supported", Json.array(List.of("code", "id_token", "code id_token", "id_token token")));
        body.set("subject_types_supported", Json.array(List.of("pairwise")));
        body.set("id_token_signing_alg_values_supported", Json.array(List.of("RS256")));
        body.set("scopes_supported", Json.array(List.of("openid", "profile", "email", "offline_access")));
        body.put("tenant_region_scope", "NA");
        body.put("cloud_instance_name", "emulator");
        return ApiResponse.json(200, body);
    }

    private ApiResponse keys(ApiRequest request, Matcher path) {
        requireTenant(path.group(1));
        return ApiResponse.json(200, Json.parse(tokens.jwks()));
    }

    private void requireTenant(String tenant) {
        if (!tenant.equalsIgnoreCase(state.tenantId())) {
            throw EntraErrors.error(400, "invalid_tenant", 90002, "Tenant '" + tenant + "' not found. Check to make "
                    + "sure you have the correct tenant ID and are signing into the correct cloud.",
                    UUID.randomUUID().toString(), baseUrl);
        }
    }
}
