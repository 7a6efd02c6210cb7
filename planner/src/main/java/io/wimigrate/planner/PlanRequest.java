package io.wimigrate.planner;

import io.wimigrate.scanner.model.Inventory;

/**
 * What {@code migrate plan} plans from: an inventory, Azure facts, and the user's choices. Null settings are inferred
 * from the inventory where it can tell them, else left unresolved.
 */
public record PlanRequest(Inventory inventory, AzureFacts azure, Overrides overrides, String spStrategy,
                          String tenant, String subscription, String resourceGroup, String location, String cloud) {

    public static final String DEFAULT_CLOUD = "AzureCloud";

    public PlanRequest {
        overrides = overrides == null ? Overrides.none() : overrides;
        spStrategy = spStrategy == null ? Overrides.SpChoice.UAMI : spStrategy;
        cloud = cloud == null ? DEFAULT_CLOUD : cloud;
        if (!Overrides.STRATEGIES.contains(spStrategy)) {
            throw new IllegalArgumentException("sp strategy must be uami or app-fic, not " + spStrategy);
        }
    }

    public static PlanRequest offline(Inventory inventory) {
        return new PlanRequest(inventory, AzureFacts.offline(), Overrides.none(), null, null, null, null, null, null);
    }
}
