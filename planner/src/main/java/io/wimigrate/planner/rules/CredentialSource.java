package io.wimigrate.planner.rules;

import io.wimigrate.scanner.model.AzureIdentity;
import io.wimigrate.scanner.model.IdentityType;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.SpSecret;

/**
 * A credential a workload uses today: an AzureIdentity it is bound to ({@code identity}), or a Secret holding a service
 * principal's credentials that it reads directly ({@code secret}).
 */
public record CredentialSource(String cluster, ObjectRef ref, AzureIdentity identity, SpSecret secret) {

    static CredentialSource of(String cluster, AzureIdentity identity) {
        return new CredentialSource(cluster, identity.ref(), identity, null);
    }

    static CredentialSource of(String cluster, SpSecret secret) {
        return new CredentialSource(cluster, secret.ref(), null, secret);
    }

    /** Unique across clusters. */
    public String key() {
        return cluster + ":" + ref.display();
    }

    /** How the overrides file and messages name it: {@code AzureIdentity/ns/name} or {@code Secret/ns/name}. */
    public String name() {
        return ref.display();
    }

    public boolean podIdentity() {
        return identity != null;
    }

    public boolean servicePrincipal() {
        return identity == null || identity.type() != IdentityType.USER_ASSIGNED_MSI;
    }

    /** The client id when the inventory knows it (never for a Secret read directly: its values are not read). */
    public String clientId() {
        return identity == null ? null : identity.clientId();
    }
}
