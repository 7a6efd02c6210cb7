package io.wimigrate.executor.verify;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.Waits;
import io.wimigrate.planner.azure.AzureConnection;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The client-assertion exchange a workload's Azure Identity library performs: a service-account token posted to the
 * tenant's token endpoint ({@code {authority}/{tenant}/oauth2/v2.0/token}, client_credentials with a jwt-bearer
 * assertion) for an ARM token. Endpoints come from the connection's {@link AzureEnvironment}, never from the pod, so
 * this reaches the same Entra ID (or emulator) the rest of apply uses. Neither token is ever kept or shown.
 */
public final class TokenExchange {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final String PROPAGATING = "AADSTS70021";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_DELAY = Duration.ofSeconds(15);

    /** The refusal's {@code AADSTS<n>} code (empty if none) and Entra's description. */
    public record Outcome(boolean succeeded, String code, String description) {

        static Outcome success() {
            return new Outcome(true, "", "");
        }
    }

    private final AzureConnection azure;

    public TokenExchange(AzureConnection azure) {
        this.azure = azure;
    }

    /** The scope a management client asks for in this cloud: {@code <ARM endpoint>/.default}. */
    public String armScope() {
        String arm = azure.environment().getResourceManagerEndpoint();
        return (arm.endsWith("/") ? arm : arm + "/") + ".default";
    }

    public Outcome exchange(String tenant, String clientId, String assertion) {
        String authority = azure.environment().getActiveDirectoryEndpoint();
        String url = (authority.endsWith("/") ? authority : authority + "/") + tenant + "/oauth2/v2.0/token";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", assertion);
        form.put("scope", armScope());
        HttpRequest request = new HttpRequest(HttpMethod.POST, url)
                .setHeader(HttpHeaderName.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .setBody(form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                        StandardCharsets.UTF_8)).collect(Collectors.joining("&")));
        try (HttpResponse response = azure.httpClient().sendSync(request, Context.NONE)) {
            JsonNode body = JSON.readTree(response.getBodyAsBinaryData().toBytes());
            if (response.getStatusCode() == 200 && body.hasNonNull("access_token")) {
                return Outcome.success();
            }
            String code = body.path("error_codes").isArray() && !body.path("error_codes").isEmpty()
                    ? "AADSTS" + body.path("error_codes").get(0).asText() : body.path("error").asText("");
            return new Outcome(false, code, firstLine(body.path("error_description").asText(
                    "HTTP " + response.getStatusCode())));
        } catch (IOException e) {
            throw new StepFailedException("token endpoint " + url + " did not answer with JSON: " + e.getMessage(),
                    e);
        }
    }

    /**
     * {@link #exchange}, repeated while Entra answers AADSTS70021 (a new federated credential has not propagated
     * yet) until {@code patience} is spent, waiting {@code backoff}, doubling, in between.
     */
    public Outcome exchangeWhilePropagating(String tenant, String clientId, String assertion, Duration patience,
                                            Duration backoff, Consumer<String> log) {
        Instant deadline = Instant.now().plus(patience);
        Duration delay = backoff;
        while (true) {
            Outcome outcome = exchange(tenant, clientId, assertion);
            if (outcome.succeeded() || !PROPAGATING.equals(outcome.code())
                    || Instant.now().plus(delay).isAfter(deadline)) {
                return outcome;
            }
            log.accept("client " + clientId + ": " + PROPAGATING + " (federated credential not usable yet),"
                    + " retrying in " + delay.toMillis() + " ms");
            Waits.sleep(delay, "for federated credential propagation");
            delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
        }
    }

    /** What to do about a refusal, per Entra's documented error codes. */
    public static String fix(String code) {
        return switch (code) {
            case PROPAGATING -> "Entra ID knows no federated credential of this identity for the token's issuer and"
                    + " subject. One created in the last minutes may still be propagating (Entra ID documents a"
                    + " delay of a few minutes): wait, then run migrate apply (or migrate verify) again. If it"
                    + " persists, check that its subject is system:serviceaccount:<namespace>:<serviceaccount> of the"
                    + " pod's ServiceAccount and its issuer is the cluster's OIDC issuer";
            case "AADSTS700211" -> "no federated credential of this identity has the token's issuer: the credential's"
                    + " issuer must equal the cluster's OIDC issuer exactly (including a trailing slash)";
            case "AADSTS700212" -> "the token's audience is not the credential's: use api://AzureADTokenExchange";
            case "AADSTS700024" -> "the token is expired or not yet valid: check the clocks of the cluster nodes";
            case "AADSTS700016" -> "no application or identity with this client id in the tenant: check the"
                    + " ServiceAccount's azure.workload.identity/client-id annotation and tenant";
            case "AADSTS50166", "AADSTS700027" -> "Entra ID could not read or verify the issuer's discovery document"
                    + " and keys: the OIDC issuer must be publicly reachable and serve the key that signs the tokens";
            case "AADSTS90002" -> "the tenant does not exist: check AZURE_TENANT_ID (the webhook's azureTenantID, or"
                    + " the ServiceAccount's azure.workload.identity/tenant-id annotation)";
            default -> "see https://learn.microsoft.com/entra/identity-platform/reference-error-codes";
        };
    }

    private static String firstLine(String description) {
        int end = description.indexOf("\r\n");
        end = end < 0 ? description.indexOf('\n') : end;
        return end < 0 ? description : description.substring(0, end);
    }
}
