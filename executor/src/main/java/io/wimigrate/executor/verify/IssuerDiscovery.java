package io.wimigrate.executor.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wimigrate.executor.StepFailedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads an OIDC issuer the way Entra ID does before it trusts a token: the discovery document at
 * {@code <issuer>/.well-known/openid-configuration}, whose {@code issuer} must equal the issuer, and the keys at its
 * {@code jwks_uri}.
 */
final class IssuerDiscovery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private IssuerDiscovery() {
    }

    /** The issuer the API server signs service-account tokens with, from its own discovery document. */
    static String clusterIssuer(KubernetesClient kube) {
        try {
            String document = kube.raw("/.well-known/openid-configuration");
            if (document == null) {
                throw new StepFailedException("the API server serves no OIDC discovery document: the cluster has no"
                        + " OIDC issuer. Enable it (az aks update --enable-oidc-issuer)");
            }
            return JSON.readTree(document).path("issuer").asText();
        } catch (IOException | KubernetesClientException e) {
            throw new StepFailedException("cannot read the API server's OIDC discovery document: " + e.getMessage(),
                    e);
        }
    }

    /** The number of keys the issuer publishes; fails naming what Entra ID could not read. */
    static int keys(KubernetesClient kube, String issuer) {
        // HTTP/1.1: kube-apiserver as issuer answers an anonymous HTTP/2 connection with GOAWAY.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(IssuerTrust.forCluster(kube.getConfiguration()))
                .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        JsonNode discovery = get(http, base + "/.well-known/openid-configuration");
        if (!issuer.equals(discovery.path("issuer").asText())) {
            throw new StepFailedException("the discovery document of " + issuer + " names issuer "
                    + discovery.path("issuer").asText() + ": Entra ID refuses tokens whose issuer does not match it");
        }
        String jwks = discovery.path("jwks_uri").asText("");
        if (jwks.isEmpty()) {
            throw new StepFailedException("the discovery document of " + issuer + " has no jwks_uri");
        }
        int keys = get(http, jwks).path("keys").size();
        if (keys == 0) {
            throw new StepFailedException("the issuer's key set " + jwks + " holds no keys: tokens cannot be verified");
        }
        return keys;
    }

    private static JsonNode get(HttpClient http, String url) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new StepFailedException(url + " answers " + response.statusCode() + " to an anonymous GET;"
                        + " Entra ID reads it anonymously. On AKS enable the issuer (az aks update"
                        + " --enable-oidc-issuer); on other clusters allow anonymous discovery (bind ClusterRole"
                        + " system:service-account-issuer-discovery to system:unauthenticated) and serve it publicly");
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new StepFailedException("cannot read " + url + ": " + e.getMessage() + "; Entra ID must be able to"
                    + " reach the OIDC issuer over HTTPS", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailedException("interrupted while reading " + url, e);
        }
    }
}
