package io.wimigrate.azure.emulator;

import java.time.Instant;

/** {@code roleDefinitionId} is the full id as sent ({@code /subscriptions/../roleDefinitions/<guid>}). */
public record RoleAssignment(String id, String name, String scope, String roleDefinitionId, String principalId,
                             String principalType, Instant createdOn) {

    String roleDefinitionGuid() {
        return roleDefinitionId.substring(roleDefinitionId.lastIndexOf('/') + 1);
    }
}
