package io.wimigrate.scanner.model;

import java.util.List;

/**
 * What one cluster (a kube context, or a dump directory) holds that the migration must know. {@code oidcIssuer} comes
 * from the discovery document; {@code kubeSystemUid} identifies the cluster for apply's same-cluster check.
 */
public record ClusterInventory(String name, String oidcIssuer, String kubeSystemUid, WorkloadIdentityWebhook webhook,
                               PodIdentityInstall podIdentity, List<AzureIdentity> azureIdentities,
                               List<AzureIdentityBinding> bindings, List<PodIdentityException> exceptions,
                               List<AssignedIdentity> assignedIdentities, List<Workload> workloads,
                               List<ServiceAccountInfo> serviceAccounts, List<SpSecret> spSecrets) {
}
