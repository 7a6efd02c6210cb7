package io.wimigrate.azure.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Issues and checks the emulator's own access tokens (RS256, a key made at start, published as JWKS). */
final class AccessTokens {
    static final Duration LIFETIME = Duration.ofHours(1);

    /** More distinct tokens than any test or demo presents: past it, the memory of checked tokens starts over. */
    private static final int REMEMBERED = 10_000;

    private final RSAKey key;
    private final String issuer;
    /**
     * The claims of tokens whose signature checked out, by their text: a client sends the same token with every
     * request, and checking its RS256 signature each time was a fifth of the emulator's CPU in the apply benchmark,
     * taken from the CLI it runs beside. Expiry, audience and issuer are still checked on every request.
     */
    private final ConcurrentMap<String, JWTClaimsSet> signed = new ConcurrentHashMap<>();

    AccessTokens(String issuer) {
        this.issuer = issuer;
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token for a client: {@code oid} is the principal's object id, {@code aud} the resource. */
    String issue(String tenantId, String clientId, String objectId, String audience) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(objectId)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("tid", tenantId)
                .claim("oid", objectId)
                .claim("azp", clientId)
                .claim("appid", clientId)
                .claim("idtyp", "app")
                .claim("ver", "2.0")
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The claims of a token this emulator issued for one of {@code audiences} and that has not expired. */
    Optional<JWTClaimsSet> verify(String token, Set<String> audiences) {
        try {
            JWTClaimsSet claims = signed.get(token);
            if (claims == null) {
                SignedJWT jwt = SignedJWT.parse(token);
                if (!jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                    return Optional.empty();
                }
                claims = jwt.getJWTClaimsSet();
                if (signed.size() >= REMEMBERED) {
                    signed.clear();
                }
                signed.put(token, claims);
            }
            boolean fresh = claims.getExpirationTime() != null && claims.getExpirationTime().after(new Date());
            boolean forUs = claims.getAudience().stream().map(AccessTokens::trimSlash).anyMatch(audiences::contains);
            return fresh && forUs && issuer.equals(claims.getIssuer()) ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    String issuer() {
        return issuer;
    }

    static String trimSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
