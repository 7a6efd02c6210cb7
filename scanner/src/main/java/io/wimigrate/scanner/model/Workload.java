package io.wimigrate.scanner.model;

import java.util.List;

/**
 * A top-level pod owner (Deployment, StatefulSet, DaemonSet, CronJob, Job or ReplicaSet without owner, bare Pod) that
 * matters to the migration: bound by pod identity, consuming a service-principal Secret, excepted, or already using
 * workload identity. {@code podIdentityLabel} is its pods' {@code aadpodidbinding} value; {@code pods} the pods seen.
 */
public record Workload(ObjectRef ref, String serviceAccount, String podIdentityLabel, List<BoundIdentity> identities,
                       List<SecretUse> secretUses, boolean workloadIdentityLabel, boolean hostNetwork,
                       List<String> containers, List<ObjectRef> pods, Ownership ownership) {
}
