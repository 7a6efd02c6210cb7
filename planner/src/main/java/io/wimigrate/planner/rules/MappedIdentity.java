package io.wimigrate.planner.rules;

import io.wimigrate.planner.model.Target;

/**
 * The workload-identity side of a credential source: the user-assigned identity or app registration that gets the
 * federated credentials. {@code clientId} is a value, or {@code $(<step id>.clientId)} for an identity created by the
 * plan.
 */
public record MappedIdentity(Target target, String clientId, String tenantId) {

    public String name() {
        return target.name();
    }
}
