package io.wimigrate.executor.azure;

import io.wimigrate.executor.StepFailedException;
import io.wimigrate.planner.model.Target;

/** Where a user-assigned identity lives, from a step's target ({@code /subscriptions/S/resourceGroups/RG} + name). */
record IdentityAddress(String subscription, String resourceGroup, String name) {

    static IdentityAddress of(Target target) {
        String[] scope = target.scope().split("/");
        if (!Target.USER_ASSIGNED_IDENTITY.equals(target.kind()) || scope.length != 5
                || !"subscriptions".equalsIgnoreCase(scope[1]) || !"resourceGroups".equalsIgnoreCase(scope[3])) {
            throw new StepFailedException(target.display() + ": not a user-assigned identity in a resource group");
        }
        return new IdentityAddress(scope[2], scope[4], target.name());
    }

    /** The ARM id, as role assignments and messages name it. */
    String id() {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name;
    }

    String display() {
        return "identity " + name + " in resource group " + resourceGroup + " (subscription " + subscription + ")";
    }
}
