package io.wimigrate.scanner.model;

/** A pod-identity binding that selects a workload, and the AzureIdentity it grants (null when missing). */
public record BoundIdentity(ObjectRef binding, ObjectRef identity) {
}
