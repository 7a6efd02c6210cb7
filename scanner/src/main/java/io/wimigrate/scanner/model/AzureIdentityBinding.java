package io.wimigrate.scanner.model;

/** An AzureIdentityBinding: pods whose {@code aadpodidbinding} label equals {@code selector} get {@code azureIdentity}. */
public record AzureIdentityBinding(ObjectRef ref, String azureIdentity, String selector, Integer weight,
                                   Ownership ownership) {
}
