package io.wimigrate.azure.emulator;

import java.time.Instant;
import java.util.List;

/**
 * A federated identity credential on an identity or an application. {@code id} is the ARM id for identities and the
 * Graph object id for applications; {@code updatedAt} drives the propagation delay.
 */
public record FederatedCredential(String id, String name, String issuer, String subject, List<String> audiences,
                                  String description, Instant updatedAt) {
    public FederatedCredential {
        audiences = List.copyOf(audiences);
    }
}
