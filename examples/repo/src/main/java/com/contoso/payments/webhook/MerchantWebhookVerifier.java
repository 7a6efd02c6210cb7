package com.contoso.payments.webhook;

import com.contoso.payments.audit.ClientSecretCredential;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies HMAC-SHA256 signatures on merchant webhooks. Uses the audit package's {@link ClientSecretCredential},
 * which has nothing to do with com.azure.identity.
 */
public class MerchantWebhookVerifier {

    public interface SharedSecretLookup {
        byte[] sharedSecret(String secretName);
    }

    private final SharedSecretLookup lookup;

    public MerchantWebhookVerifier(SharedSecretLookup lookup) {
        this.lookup = lookup;
    }

    public boolean verify(String merchantClientId, String body, String signatureHex) {
        ClientSecretCredential credential = new ClientSecretCredential(merchantClientId, "merchant-" + merchantClientId);
        byte[] key = lookup.sharedSecret(credential.secretName());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signatureHex));
        } catch (NoSuchAlgorithmException | InvalidKeyException | IllegalArgumentException e) {
            return false;
        }
    }
}
