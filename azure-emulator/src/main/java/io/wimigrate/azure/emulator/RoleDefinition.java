package io.wimigrate.azure.emulator;

import java.util.List;

/** A built-in role; {@code name} is its GUID. */
public record RoleDefinition(String name, String roleName, String description, List<String> actions,
                             List<String> dataActions) {
    public RoleDefinition {
        actions = List.copyOf(actions);
        dataActions = List.copyOf(dataActions);
    }
}
