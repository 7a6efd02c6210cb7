package io.wimigrate.planner;

import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.model.Inventory;
import java.util.List;
import java.util.Optional;

/**
 * What the planner reads from Azure. Every answer is optional: empty means "not known" (offline, or not readable), and
 * the plan then says so instead of guessing. An SDK-backed implementation reads ARM and Microsoft Graph.
 */
public interface AzureFacts {

    /** False when Azure was not read at all ({@code --offline}). */
    boolean resolved();

    /** The federated credentials an identity or app registration already has. */
    Optional<List<ExistingFederatedCredential>> federatedCredentials(Target identity);

    /** The role assignments of a service principal, by its client (application) id. */
    Optional<List<RoleAssignment>> roleAssignments(String clientId);

    /**
     * Reads ahead what planning {@code inventory} will ask, where answers can be read at once rather than one by one
     * as the rules ask (an implementation that does keeps them for those questions). By default nothing.
     */
    default void prefetch(Inventory inventory) {
    }

    /**
     * Starts what the first read needs (signing in) in the background, so it is ready when the questions come; by
     * default nothing.
     */
    default void prepare() {
    }

    record ExistingFederatedCredential(String name, String issuer, String subject) {
    }

    record RoleAssignment(String role, String scope) {
    }

    /** Nothing is read; every Azure-dependent fact is unresolved. */
    static AzureFacts offline() {
        return new AzureFacts() {
            @Override
            public boolean resolved() {
                return false;
            }

            @Override
            public Optional<List<ExistingFederatedCredential>> federatedCredentials(Target identity) {
                return Optional.empty();
            }

            @Override
            public Optional<List<RoleAssignment>> roleAssignments(String clientId) {
                return Optional.empty();
            }
        };
    }
}
