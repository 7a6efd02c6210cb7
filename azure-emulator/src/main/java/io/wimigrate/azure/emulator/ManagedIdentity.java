package io.wimigrate.azure.emulator;

import java.time.Instant;
import java.util.Map;

/** A user-assigned managed identity; {@code principalId} is the object id of its service principal. */
public record ManagedIdentity(String id, String subscriptionId, String resourceGroup, String name, String location,
                              Map<String, String> tags, String tenantId, String principalId, String clientId,
                              Instant createdAt) {
    public ManagedIdentity {
        tags = Map.copyOf(tags);
    }
}
