package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.wimigrate.scanner.model.Ownership;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who manages an object, so the plan changes it where it is defined: Argo CD, Flux, Helm, else the field manager that
 * owns its spec when that name says more than "a controller".
 */
final class OwnershipDetector {

    private static final Set<String> UNINFORMATIVE_MANAGERS =
            Set.of("before-first-apply", "kubectl-edit", "kubectl-patch", "kubectl-label", "kubectl-annotate");

    Ownership of(HasMetadata object) {
        Map<String, String> labels = Meta.labels(object);
        Map<String, String> annotations = Meta.annotations(object);
        String tracking = annotations.get("argocd.argoproj.io/tracking-id");
        if (tracking != null) {
            int colon = tracking.indexOf(':');
            return new Ownership("argocd", colon < 0 ? tracking : tracking.substring(0, colon),
                    "annotation argocd.argoproj.io/tracking-id");
        }
        if (labels.containsKey("argocd.argoproj.io/instance")) {
            return new Ownership("argocd", labels.get("argocd.argoproj.io/instance"),
                    "label argocd.argoproj.io/instance");
        }
        if (labels.containsKey("kustomize.toolkit.fluxcd.io/name")) {
            return new Ownership("flux", labels.get("kustomize.toolkit.fluxcd.io/name"),
                    "label kustomize.toolkit.fluxcd.io/name");
        }
        if (labels.containsKey("helm.toolkit.fluxcd.io/name")) {
            return new Ownership("flux", labels.get("helm.toolkit.fluxcd.io/name"),
                    "label helm.toolkit.fluxcd.io/name");
        }
        if ("Helm".equals(labels.get("app.kubernetes.io/managed-by"))
                || annotations.containsKey("meta.helm.sh/release-name")) {
            String release = annotations.getOrDefault("meta.helm.sh/release-name",
                    labels.get("app.kubernetes.io/instance"));
            return new Ownership("helm", release, annotations.containsKey("meta.helm.sh/release-name")
                    ? "annotation meta.helm.sh/release-name" : "label app.kubernetes.io/managed-by=Helm");
        }
        return specManager(object.getMetadata().getManagedFields())
                .map(m -> new Ownership(m.getManager(), null, "managedFields " + m.getOperation() + " of spec"))
                .orElse(null);
    }

    /** The Apply owner of the spec, else its latest Update owner; controllers writing status do not count. */
    private static Optional<ManagedFieldsEntry> specManager(List<ManagedFieldsEntry> entries) {
        if (entries == null) {
            return Optional.empty();
        }
        return entries.stream()
                .filter(e -> e.getManager() != null && !UNINFORMATIVE_MANAGERS.contains(e.getManager())
                        && !e.getManager().startsWith("kube-"))
                .filter(e -> e.getSubresource() == null || e.getSubresource().isEmpty())
                .filter(OwnershipDetector::touchesSpec)
                .min(Comparator.comparing((ManagedFieldsEntry e) -> !"Apply".equals(e.getOperation()))
                        .thenComparing(e -> e.getTime() == null ? "" : e.getTime(), Comparator.reverseOrder()));
    }

    private static boolean touchesSpec(ManagedFieldsEntry entry) {
        return entry.getFieldsV1() != null && entry.getFieldsV1().getAdditionalProperties().containsKey("f:spec");
    }
}
