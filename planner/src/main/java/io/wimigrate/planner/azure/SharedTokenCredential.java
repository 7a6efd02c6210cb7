package io.wimigrate.planner.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * One token per scope for every SDK client made from one login. Each {@code MsiManager} or
 * {@code AuthorizationManager} has a token cache of its own, and apply makes one per step: with many steps at once,
 * each asked Entra for a token of its own at the same moment, and past the SDK's twenty token threads they waited on
 * one another for good. Here the first caller fetches, the others wait for it, and later ones reuse the token until
 * five minutes before it expires. Tokens stay in memory only and are never logged.
 */
final class SharedTokenCredential implements TokenCredential {

    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final TokenCredential login;
    private final Map<String, AccessToken> tokens = new HashMap<>();

    SharedTokenCredential(TokenCredential login) {
        this.login = login;
    }

    static TokenCredential of(TokenCredential login) {
        return login instanceof SharedTokenCredential ? login : new SharedTokenCredential(login);
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromCallable(() -> getTokenSync(request));
    }

    @Override
    public synchronized AccessToken getTokenSync(TokenRequestContext request) {
        String key = String.join(" ", request.getScopes()) + "|" + request.getTenantId() + "|" + request.getClaims();
        AccessToken token = tokens.get(key);
        if (token == null || token.getExpiresAt().minus(REFRESH_BEFORE_EXPIRY).isBefore(OffsetDateTime.now())) {
            token = login.getTokenSync(request);
            tokens.put(key, token);
        }
        return token;
    }
}
