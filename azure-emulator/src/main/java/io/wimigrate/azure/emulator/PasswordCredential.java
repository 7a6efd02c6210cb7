package io.wimigrate.azure.emulator;

import java.time.Instant;

/** Secret metadata as Graph keeps it: the secret itself is only held as a SHA-256 digest. */
public record PasswordCredential(String keyId, String displayName, String hint, byte[] secretSha256, Instant startDateTime,
                                 Instant endDateTime) {
    public PasswordCredential {
        secretSha256 = secretSha256.clone();
    }

    @Override
    public byte[] secretSha256() {
        return secretSha256.clone();
    }

    @Override
    public String toString() {
        return "PasswordCredential[keyId=" + keyId + ", displayName=" + displayName + ", hint=" + hint + "]";
    }
}
