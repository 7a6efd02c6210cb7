package io.wimigrate.executor.azure;

import java.util.List;
import java.util.Optional;

/**
 * The federated identity credentials of one owner: a user-assigned identity (ARM) or an app registration (Graph).
 * Every call may throw the SDK's {@link com.azure.core.exception.HttpResponseException}.
 */
interface FederatedCredentials {

    record Credential(String name, String issuer, String subject, List<String> audiences) {
    }

    /** What messages call the owner. */
    String owner();

    /** A key shared by everything that writes to this owner, so writes to one owner can be serialised. */
    String lockKey();

    List<Credential> list();

    default Optional<Credential> get(String name) {
        return list().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    void put(Credential credential);

    void delete(String name);
}
