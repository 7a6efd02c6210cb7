package io.wimigrate.azure.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.authorization.models.ActiveDirectoryApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Graph calls the SDK has no typed client for (application FICs, addPassword) go through the AuthorizationManager's
 * Graph pipeline, so they carry the same credential, retries and endpoint as the typed ones.
 */
class GraphApplicationContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "https://oidc.example.test/cluster-1";

    private static AzureEmulator emulator;
    private static SdkClients clients;
    private static AuthorizationManager authorization;
    private static HttpPipeline graph;
    /** Already ends in /v1.0 (microsoftGraphResourceId + "v1.0"). */
    private static String graphEndpoint;

    @BeforeAll
    static void start() {
        emulator = AzureEmulator.start();
        clients = new SdkClients(emulator);
        authorization = clients.authorization(clients.secretCredential(
                emulator.seed().servicePrincipalWithSecret("wimigrate")));
        graph = authorization.serviceClient().getHttpPipeline();
        graphEndpoint = authorization.serviceClient().getEndpoint();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void applicationsAreFoundByAppIdAndNeverShowSecretText() throws IOException {
        SeededApplication app = emulator.seed().servicePrincipalWithSecret("legacy-api");

        assertThat(authorization.applications().listByFilter("appId eq '" + app.appId() + "'"))
                .extracting(ActiveDirectoryApplication::applicationId)
                .containsExactly(app.appId());
        JsonNode body = send(HttpMethod.GET, "/applications/" + app.application().id(), null).body;
        JsonNode password = body.path("passwordCredentials").get(0);
        assertThat(password.path("hint").asText()).hasSize(3);
        assertThat(password.path("secretText").isNull()).isTrue();
        assertThat(body.toString()).doesNotContain(app.secret());
    }

    @Test
    void addPasswordReturnsTheSecretOnceAndTheSecretAuthenticates() throws IOException {
        SeededApplication app = emulator.seed().application("rotating-api");

        String secret = send(HttpMethod.POST, "/applications/" + app.application().id() + "/addPassword",
                "{\"passwordCredential\":{\"displayName\":\"rotation\"}}").body.path("secretText").asText();

        assertThat(send(HttpMethod.GET, "/applications/" + app.application().id(), null).body.toString())
                .doesNotContain(secret);
        assertThat(clients.secretCredential(app.appId(), secret)
                .getTokenSync(new TokenRequestContext().addScopes(clients.armScope())).getToken()).isNotBlank();
    }

    @Test
    void applicationFederatedCredentialsFollowTheSameRules() throws IOException {
        SeededApplication app = emulator.seed().application("fic-api");
        String fics = "/applications/" + app.application().id() + "/federatedIdentityCredentials";

        Reply created = send(HttpMethod.POST, fics, fic("first", "ns:a", "[\"api://AzureADTokenExchange\"]"));
        Reply duplicate = send(HttpMethod.POST, fics, fic("second", "ns:a", "[\"api://AzureADTokenExchange\"]"));
        Reply twoAudiences = send(HttpMethod.POST, fics, fic("third", "ns:b", "[\"api://AzureADTokenExchange\","
                + "\"api://x\"]"));

        assertThat(created.status).isEqualTo(201);
        assertThat(created.body.path("id").asText()).isNotBlank();
        assertThat(duplicate.status).isEqualTo(400);
        assertThat(duplicate.body.path("error").path("code").asText()).isEqualTo("Request_BadRequest");
        assertThat(duplicate.body.path("error").path("message").asText())
                .contains("Issuer and subject combination already exists");
        assertThat(twoAudiences.status).isEqualTo(400);
        for (int i = 2; i <= 20; i++) {
            assertThat(send(HttpMethod.POST, fics, fic("fic-" + i, "ns:sa-" + i, "[\"api://AzureADTokenExchange\"]"))
                    .status).isEqualTo(201);
        }
        Reply tooMany = send(HttpMethod.POST, fics, fic("fic-21", "ns:sa-21", "[\"api://AzureADTokenExchange\"]"));
        assertThat(tooMany.status).isEqualTo(400);
        assertThat(send(HttpMethod.GET, fics, null).body.path("value")).hasSize(20);
        assertThat(send(HttpMethod.DELETE, fics + "/" + created.body.path("id").asText(), null).status).isEqualTo(204);
        assertThat(emulator.state().applicationFederatedCredentials(app.application().id())).hasSize(19);
    }

    private static String fic(String name, String subject, String audiences) {
        return "{\"name\":\"" + name + "\",\"issuer\":\"" + ISSUER + "\",\"subject\":\"system:serviceaccount:"
                + subject + "\",\"audiences\":" + audiences + "}";
    }

    private record Reply(int status, JsonNode body) {
    }

    private static Reply send(HttpMethod method, String path, String json) throws IOException {
        HttpRequest request = new HttpRequest(method, graphEndpoint + path);
        if (json != null) {
            request.setHeader(com.azure.core.http.HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody(json);
        }
        try (HttpResponse response = graph.sendSync(request, Context.NONE)) {
            String body = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
            return new Reply(response.getStatusCode(), body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body));
        }
    }
}
