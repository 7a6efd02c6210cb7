package io.wimigrate.rewriter;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What the manifests of a repository must become: from the plan ({@link PlanTargets}), or, without one, from what the
 * repository itself says ({@link RepoTargets}).
 */
interface ManifestTargets {

    /** The changes to one workload's manifest; empty to leave it alone (with a note saying why, when it matters). */
    Optional<WorkloadTarget> workload(Manifest workload, RepoManifests repo, List<RewriteNote> notes);

    /** Whether an AzureIdentity or AzureIdentityBinding goes, given the workloads that were rewritten. */
    boolean removes(Manifest podIdentityObject, RepoManifests repo, List<Manifest> rewritten);

    /** Notes on what the targets name but the repository does not hold; after every manifest was matched. */
    void unmatched(List<Manifest> matched, List<RewriteNote> notes);

    /**
     * The identity the repository's service-principal credential code must name: when exactly one rewritten workload
     * gave up a service principal for an identity other than its ServiceAccount's.
     */
    default Optional<ExplicitIdentity> explicitIdentity(List<Manifest> rewritten) {
        return Optional.empty();
    }

    /**
     * The changes to one workload: {@code serviceAccountName} to set (null: keep), the ServiceAccount to annotate
     * or create, and the service-principal Secret references to drop.
     */
    record WorkloadTarget(boolean label, boolean removeLabel, String serviceAccountName, Account account,
                          List<SecretReference> secretReferences) {
    }

    /** A ServiceAccount and its workload-identity annotations; {@code createLabels} non-null when it is new. */
    record Account(String namespace, String name, SortedMap<String, String> annotations,
                   SortedMap<String, String> createLabels) {
    }

    /** How a container reaches a service-principal Secret: {@code via} env (a variable), envFrom or volume. */
    record SecretReference(String container, String via, String name, String secret) {
    }
}
