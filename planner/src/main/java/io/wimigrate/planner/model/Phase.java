package io.wimigrate.planner.model;

import java.util.List;

/** One of the seven phases and its steps, in the order they run. */
public record Phase(int phase, String name, String description, List<Step> steps) {

    public static final List<String> NAMES = List.of("preflight", "azure-identities", "federated-credentials",
            "kubernetes", "restart-and-verify", "code-and-manifests", "cleanup");

    public static final List<String> DESCRIPTIONS = List.of(
            "Check that the cluster and Azure are ready; change nothing.",
            "Reuse or create the user-assigned identities; copy role assignments of replaced service principals.",
            "Federate each identity with the cluster's OIDC issuer, one credential per ServiceAccount.",
            "ServiceAccounts, their workload-identity annotations, serviceAccountName, the pod-template label.",
            "Restart each workload so the webhook mutates its pods, then verify the token exchange.",
            "Code and manifest changes from migrate rewrite, merged and deployed by the owning team.",
            "Remove pod identity and service-principal secrets, only after every affected workload is verified.");

    public static Phase of(int number, List<Step> steps) {
        return new Phase(number, NAMES.get(number), DESCRIPTIONS.get(number), steps);
    }
}
