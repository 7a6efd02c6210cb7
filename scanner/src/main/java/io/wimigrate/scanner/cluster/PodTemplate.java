package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Map;
import java.util.Optional;

/** The pod an object runs: a Pod's own metadata and spec, or the pod template of a controller. */
record PodTemplate(Map<String, String> labels, Map<String, String> annotations, PodSpec spec) {

    static final String DEFAULT_SERVICE_ACCOUNT = "default";

    /** Empty for objects that do not run pods. */
    static Optional<PodTemplate> of(HasMetadata object) {
        if (object instanceof Pod pod) {
            return Optional.of(from(pod.getMetadata(), pod.getSpec()));
        }
        PodTemplateSpec template = null;
        if (object instanceof Deployment d && d.getSpec() != null) {
            template = d.getSpec().getTemplate();
        } else if (object instanceof StatefulSet s && s.getSpec() != null) {
            template = s.getSpec().getTemplate();
        } else if (object instanceof DaemonSet s && s.getSpec() != null) {
            template = s.getSpec().getTemplate();
        } else if (object instanceof ReplicaSet r && r.getSpec() != null) {
            template = r.getSpec().getTemplate();
        } else if (object instanceof Job j && j.getSpec() != null) {
            template = j.getSpec().getTemplate();
        } else if (object instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
                && c.getSpec().getJobTemplate().getSpec() != null) {
            template = c.getSpec().getJobTemplate().getSpec().getTemplate();
        } else {
            return Optional.empty();
        }
        return Optional.of(template == null ? from(null, null) : from(template.getMetadata(), template.getSpec()));
    }

    static boolean runsPods(HasMetadata object) {
        return object instanceof Pod || object instanceof Deployment || object instanceof StatefulSet
                || object instanceof DaemonSet || object instanceof ReplicaSet || object instanceof Job
                || object instanceof CronJob;
    }

    private static PodTemplate from(ObjectMeta metadata, PodSpec spec) {
        return new PodTemplate(metadata == null ? Map.of() : Meta.orEmpty(metadata.getLabels()),
                metadata == null ? Map.of() : Meta.orEmpty(metadata.getAnnotations()),
                spec == null ? new PodSpec() : spec);
    }

    /** {@code serviceAccountName}, else the deprecated {@code serviceAccount}, else {@code default}. */
    String serviceAccount() {
        if (spec.getServiceAccountName() != null && !spec.getServiceAccountName().isEmpty()) {
            return spec.getServiceAccountName();
        }
        if (spec.getServiceAccount() != null && !spec.getServiceAccount().isEmpty()) {
            return spec.getServiceAccount();
        }
        return DEFAULT_SERVICE_ACCOUNT;
    }

    boolean hostNetwork() {
        return Boolean.TRUE.equals(spec.getHostNetwork());
    }
}
