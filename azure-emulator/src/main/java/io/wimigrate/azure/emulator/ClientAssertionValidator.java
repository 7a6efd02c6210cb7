package io.wimigrate.azure.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Checks a workload's client assertion (a Kubernetes service-account token) against the federated identity
 * credentials of the client it claims to be, in Entra's order: a FIC for the issuer (AADSTS700211), the issuer's
 * signature (keys through OIDC discovery; AADSTS50166 when unreachable, AADSTS700027 when it does not verify), the
 * validity window with Entra's 5-minute skew (AADSTS700024), the audience (AADSTS700212) and issuer + subject, once
 * propagated (AADSTS70021).
 */
final class ClientAssertionValidator {
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final IssuerKeys issuerKeys;
    private final FaultKnobs faults;

    ClientAssertionValidator(IssuerKeys issuerKeys, FaultKnobs faults) {
        this.issuerKeys = issuerKeys;
        this.faults = faults;
    }

    /** A refusal with its Entra code; the caller shapes it into the token endpoint's error body. */
    static final class Rejected extends Exception {
        final int status;
        final String error;
        final int code;

        Rejected(int status, String error, int code, String description) {
            super(description, null, false, false);
            this.status = status;
            this.error = error;
            this.code = code;
        }
    }

    void validate(String assertion, List<FederatedCredential> credentials) throws Rejected {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Rejected(400, "invalid_request", 50027, "JWT token is invalid or malformed.");
        }
        String issuer = claims.getIssuer() == null ? "" : claims.getIssuer();
        List<FederatedCredential> forIssuer = credentials.stream().filter(f -> f.issuer().equals(issuer)).toList();
        if (forIssuer.isEmpty()) {
            throw new Rejected(400, "invalid_request", 700211, "No matching federated identity record found for "
                    + "presented assertion issuer '" + issuer + "'. Please check your federated identity credential "
                    + "Subject, Audience and Issuer against the presented assertion. "
                    + "https://learn.microsoft.com/entra/workload-id/workload-identity-federation");
        }
        verifySignature(jwt, issuer);
        checkTimes(claims);
        List<String> audiences = claims.getAudience();
        List<FederatedCredential> forAudience = forIssuer.stream()
                .filter(f -> f.audiences().stream().anyMatch(audiences::contains)).toList();
        if (forAudience.isEmpty()) {
            throw new Rejected(400, "invalid_request", 700212, "No matching federated identity record found for "
                    + "presented assertion audience '" + String.join(",", audiences) + "'. Please check your "
                    + "federated identity credential Subject, Audience and Issuer against the presented assertion. "
                    + "https://learn.microsoft.com/entra/workload-id/workload-identity-federation");
        }
        String subject = claims.getSubject() == null ? "" : claims.getSubject();
        Instant propagatedBefore = Instant.now().minus(faults.ficPropagationDelay());
        boolean matched = forAudience.stream().anyMatch(f -> f.subject().equals(subject)
                && !f.updatedAt().isAfter(propagatedBefore));
        if (!matched) {
            throw new Rejected(400, "invalid_request", 70021, "No matching federated identity record found for "
                    + "presented assertion. Assertion Issuer: '" + issuer + "'. Assertion Subject: '" + subject
                    + "'. Assertion Audience: '" + String.join(",", audiences) + "'. "
                    + "https://learn.microsoft.com/entra/workload-id/workload-identity-federation");
        }
    }

    private void verifySignature(SignedJWT jwt, String issuer) throws Rejected {
        if (!Loopback.isLoopbackHttps(safeUri(issuer))) {
            throw new Rejected(400, "invalid_request", 50166, "Request to External OIDC endpoint failed. "
                    + "(The emulator only contacts loopback HTTPS issuers.)");
        }
        JWKSet keys;
        try {
            keys = issuerKeys.fetch(issuer);
        } catch (IssuerKeys.IssuerUnreachable e) {
            throw new Rejected(400, "invalid_request", 50166, "Request to External OIDC endpoint failed. ("
                    + e.getMessage() + ")");
        }
        String keyId = jwt.getHeader().getKeyID();
        List<JWK> candidates = keys.getKeys().stream()
                .filter(k -> keyId == null || keyId.equals(k.getKeyID()))
                .filter(k -> k instanceof AsymmetricJWK)
                .toList();
        for (JWK key : candidates) {
            try {
                JWSVerifier verifier = new DefaultJWSVerifierFactory()
                        .createJWSVerifier(jwt.getHeader(), ((AsymmetricJWK) key).toPublicKey());
                if (jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException e) {
                // key type and algorithm do not fit: try the next key
            }
        }
        throw new Rejected(400, "invalid_client", 700027, "Client assertion failed signature validation.");
    }

    private static void checkTimes(JWTClaimsSet claims) throws Rejected {
        Instant now = Instant.now();
        Date notBefore = claims.getNotBeforeTime() != null ? claims.getNotBeforeTime() : claims.getIssueTime();
        Date expiry = claims.getExpirationTime();
        boolean early = notBefore != null && notBefore.toInstant().isAfter(now.plus(CLOCK_SKEW));
        boolean expired = expiry == null || expiry.toInstant().isBefore(now.minus(CLOCK_SKEW));
        if (early || expired) {
            throw new Rejected(400, "invalid_client", 700024, "Client assertion is not within its valid time range. "
                    + "Current time: " + now + ", assertion valid from "
                    + (notBefore == null ? "unset" : notBefore.toInstant()) + ", expiry time of assertion "
                    + (expiry == null ? "unset" : expiry.toInstant()) + ". Review the documentation at "
                    + "https://learn.microsoft.com/entra/identity-platform/certificate-credentials .");
        }
    }

    private static URI safeUri(String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
