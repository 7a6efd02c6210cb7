package io.wimigrate.azure.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checked once or many times, a token is accepted only as issued, and only for its own audience. */
class AccessTokensTest {

    private static final String ARM = "https://management.azure.com";

    private final AccessTokens tokens = new AccessTokens("https://login.emulator/tenant/v2.0");

    @Test
    void anIssuedTokenIsAcceptedEveryTimeForItsAudienceOnly() {
        String token = tokens.issue("tenant", "client", "object", ARM + "/");

        assertThat(tokens.verify(token, Set.of(ARM))).hasValueSatisfying(claims ->
                assertThat(claims.getSubject()).isEqualTo("object"));
        assertThat(tokens.verify(token, Set.of(ARM))).isPresent();
        assertThat(tokens.verify(token, Set.of("https://graph.microsoft.com"))).isEmpty();
    }

    @Test
    void aTokenWithAnAlteredSignatureOrPayloadIsRefusedAfterTheGenuineOneWasAccepted() {
        String token = tokens.issue("tenant", "client", "object", ARM);
        assertThat(tokens.verify(token, Set.of(ARM))).isPresent();
        String[] parts = token.split("\\.");

        String signature = parts[2];
        char last = signature.charAt(signature.length() - 2);
        String otherSignature = signature.substring(0, signature.length() - 2) + (last == 'A' ? 'B' : 'A')
                + signature.charAt(signature.length() - 1);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"object\"", "\"intruder\"");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes());

        assertThat(tokens.verify(parts[0] + "." + parts[1] + "." + otherSignature, Set.of(ARM))).isEmpty();
        assertThat(tokens.verify(parts[0] + "." + otherPayload + "." + parts[2], Set.of(ARM))).isEmpty();
        assertThat(tokens.verify(token, Set.of(ARM))).isPresent();
    }
}
