package io.wimigrate.azure.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Finds a workload issuer's signing keys the way Entra does: {@code <issuer>/.well-known/openid-configuration},
 * then its {@code jwks_uri}. Both must be HTTPS on loopback; nothing else is ever contacted.
 */
final class IssuerKeys {
    private volatile HttpClient client;

    IssuerKeys(SSLContext trust) {
        trust(trust);
    }

    void trust(SSLContext trust) {
        // HTTP/1.1: kube-apiserver answers the JDK client's HTTP/2 upgrade on issuer endpoints with GOAWAY.
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trust)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The issuer's key set; fails when the issuer or its JWKS is not loopback HTTPS or cannot be read. */
    JWKSet fetch(String issuer) throws IssuerUnreachable {
        URI discovery = URI.create(AccessTokens.trimSlash(issuer) + "/.well-known/openid-configuration");
        JsonNode document = Json.parse(get(discovery));
        if (!AccessTokens.trimSlash(document.path("issuer").asText("")).equals(AccessTokens.trimSlash(issuer))) {
            throw new IssuerUnreachable("the discovery document names another issuer");
        }
        URI jwksUri = URI.create(document.path("jwks_uri").asText(""));
        try {
            return JWKSet.parse(get(jwksUri));
        } catch (ParseException e) {
            throw new IssuerUnreachable("the JWKS is not valid");
        }
    }

    private String get(URI uri) throws IssuerUnreachable {
        if (!Loopback.isLoopbackHttps(uri)) {
            throw new IssuerUnreachable("only loopback HTTPS endpoints are contacted: " + uri);
        }
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json, application/jwk-set+json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IssuerUnreachable(uri + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IssuerUnreachable(uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssuerUnreachable("interrupted");
        }
    }

    static final class IssuerUnreachable extends Exception {
        IssuerUnreachable(String message) {
            super(message, null, false, false);
        }
    }
}
