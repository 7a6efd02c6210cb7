package io.wimigrate.azure.emulator;

import java.time.Instant;

/** An application's service principal; {@code id} is its object id (the principal id of role assignments). */
public record ServicePrincipal(String id, String appId, String displayName, Instant createdAt) {
}
