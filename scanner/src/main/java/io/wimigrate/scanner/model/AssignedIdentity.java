package io.wimigrate.scanner.model;

/** An AzureAssignedIdentity written by MIC: {@code identity} assigned to {@code pod} through {@code binding}. */
public record AssignedIdentity(ObjectRef ref, ObjectRef pod, String identity, String binding, String state) {
}
