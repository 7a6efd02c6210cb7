package io.wimigrate.scanner.model;

/**
 * An AzureIdentity. {@code clientPassword} is set for service principals (types 1 and 2); {@code namespaced} is true
 * when the identity carries the {@code aadpodidentity.k8s.io/Behavior: namespaced} annotation.
 */
public record AzureIdentity(ObjectRef ref, IdentityType type, String resourceId, String clientId, String tenantId,
                            SecretRef clientPassword, boolean namespaced, Ownership ownership) {

    /** A reference to a Secret by namespace and name (AzureIdentity.spec.clientPassword). */
    public record SecretRef(String namespace, String name) {
    }
}
