package io.wimigrate.azure.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * A stand-in for a cluster's OIDC issuer (what kube-apiserver serves with --service-account-issuer): discovery
 * document and JWKS over loopback HTTPS, and service-account tokens signed with its key.
 */
final class TestIssuer implements AutoCloseable {
    static final String AUDIENCE = "api://AzureADTokenExchange";

    private final HttpsServer server;
    private final LoopbackTls tls;
    private final RSAKey key;
    private final String url;

    TestIssuer(Path dir) throws IOException, JOSEException {
        tls = LoopbackTls.generate(dir);
        key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        url = "https://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/.well-known/openid-configuration", e -> reply(e, "{\"issuer\":\"" + url
                + "\",\"jwks_uri\":\"" + url + "/openid/v1/jwks\",\"response_types_supported\":[\"id_token\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        server.createContext("/openid/v1/jwks", e -> reply(e, new JWKSet(key.toPublicJWK()).toString()));
        server.start();
    }

    String url() {
        return url;
    }

    LoopbackTls tls() {
        return tls;
    }

    String serviceAccountToken(String namespace, String serviceAccount) {
        return token(url, "system:serviceaccount:" + namespace + ":" + serviceAccount, Instant.now(),
                Duration.ofHours(1));
    }

    String token(String issuer, String subject, Instant issuedAt, Duration lifetime) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(AUDIENCE)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static void reply(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
