package io.wimigrate.executor.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.authorization.AuthorizationManager;
import com.azure.resourcemanager.authorization.models.ActiveDirectoryApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.planner.azure.AzureConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The federated credentials of an app registration, through Microsoft Graph ({@code /applications/{id}/
 * federatedIdentityCredentials}) on the authorization manager's pipeline, which carries the credential and retries.
 * A Graph refusal surfaces as a {@link ManagementException} with Graph's error code, like an ARM one.
 */
final class ApplicationFederatedCredentials implements FederatedCredentials {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String appId;
    private final HttpPipeline pipeline;
    private final String base;

    ApplicationFederatedCredentials(StepContext context, String appId) {
        AzureConnection azure = Identities.connection(context);
        AuthorizationManager graph = azure.authorization(azure.subscriptions().get(0));
        this.appId = appId;
        this.pipeline = graph.serviceClient().getHttpPipeline();
        ActiveDirectoryApplication application = ArmCalls.retrying("read app registration " + appId, context,
                () -> graph.applications().listByFilter("appId eq '" + appId + "'").stream().findFirst())
                .orElseThrow(() -> new StepFailedException("no app registration with client id " + appId
                        + " in tenant " + azure.tenantId() + "; federate it by hand or plan it with --sp-strategy"
                        + " uami"));
        this.base = graph.serviceClient().getEndpoint() + "/applications/" + application.id()
                + "/federatedIdentityCredentials";
    }

    @Override
    public String owner() {
        return "app registration " + appId;
    }

    @Override
    public String lockKey() {
        return "application/" + appId;
    }

    @Override
    public List<Credential> list() {
        List<Credential> all = new ArrayList<>();
        for (JsonNode fic : send(HttpMethod.GET, base, null).path("value")) {
            List<String> audiences = new ArrayList<>();
            fic.path("audiences").forEach(a -> audiences.add(a.asText()));
            all.add(new Credential(fic.path("name").asText(), fic.path("issuer").asText(),
                    fic.path("subject").asText(), audiences));
        }
        return all;
    }

    @Override
    public void put(Credential credential) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", credential.name());
        body.put("issuer", credential.issuer());
        body.put("subject", credential.subject());
        body.set("audiences", JSON.valueToTree(credential.audiences()));
        if (get(credential.name()).isPresent()) {
            send(HttpMethod.PATCH, base + "/" + encode(credential.name()), body);
        } else {
            send(HttpMethod.POST, base, body);
        }
    }

    @Override
    public void delete(String name) {
        send(HttpMethod.DELETE, base + "/" + encode(name), null);
    }

    private JsonNode send(HttpMethod method, String url, JsonNode body) {
        HttpRequest request = new HttpRequest(method, url);
        if (body != null) {
            request.setHeader(com.azure.core.http.HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody(body.toString());
        }
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            byte[] bytes = response.getBodyAsBinaryData() == null ? new byte[0]
                    : response.getBodyAsBinaryData().toBytes();
            JsonNode json = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            if (response.getStatusCode() >= 300 && !(method == HttpMethod.DELETE && response.getStatusCode() == 404)) {
                JsonNode error = json.path("error");
                throw new ManagementException("Graph " + method + " " + url + ": " + response.getStatusCode(),
                        response, new ManagementError(error.path("code").asText(""),
                        error.path("message").asText("")));
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("Graph " + method + " " + url, e);
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
