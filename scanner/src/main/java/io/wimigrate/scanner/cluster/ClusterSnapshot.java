package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.wimigrate.scanner.model.Diagnostic;
import java.util.List;

/**
 * Everything read from one cluster, live or dumped, before analysis. {@code objects} are typed fabric8 objects for
 * built-in kinds and {@code GenericKubernetesResource} for the pod-identity CRDs; Secrets never appear among them.
 * {@code secrets} is null unless Secret reading was opted in, and then holds key names and lengths only.
 */
public record ClusterSnapshot(String name, String oidcIssuer, String kubeSystemUid, List<HasMetadata> objects,
                              List<SecretKeys> secrets, List<Diagnostic> diagnostics) {

    public ClusterSnapshot {
        objects = List.copyOf(objects);
        secrets = secrets == null ? null : secrets.stream().sorted().toList();
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean secretsRead() {
        return secrets != null;
    }
}
