package io.wimigrate.azure.emulator;

import java.time.Instant;
import java.util.List;

/** An app registration; {@code id} is the application object id, {@code appId} the client id. */
public record Application(String id, String appId, String displayName, List<PasswordCredential> passwordCredentials,
                          Instant createdAt) {
    public Application {
        passwordCredentials = List.copyOf(passwordCredentials);
    }
}
