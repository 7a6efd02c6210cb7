package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.wimigrate.scanner.model.ObjectRef;
import java.util.List;
import java.util.Map;

/**
 * A top-level pod owner and what runs under it. {@code object} is null when only its pods (or an intermediate
 * ReplicaSet/Job) were seen; {@code template} then comes from the closest object that was.
 */
record PodOwner(ObjectRef ref, HasMetadata object, PodTemplate template, List<ObjectRef> pods,
                List<Map<String, String>> podLabels) implements Comparable<PodOwner> {

    static final String POD_IDENTITY_LABEL = "aadpodidbinding";

    String namespace() {
        return ref.namespace();
    }

    /** The {@code aadpodidbinding} value of the template, else of the first pod that has one. */
    String podIdentityLabel() {
        String value = template.labels().get(POD_IDENTITY_LABEL);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        return podLabels.stream().map(l -> l.get(POD_IDENTITY_LABEL))
                .filter(v -> v != null && !v.isEmpty()).findFirst().orElse(null);
    }

    /** True when the template's labels, or one pod's labels, contain every entry of {@code wanted}. */
    boolean hasLabels(Map<String, String> wanted) {
        if (template.labels().entrySet().containsAll(wanted.entrySet())) {
            return true;
        }
        return podLabels.stream().anyMatch(l -> l.entrySet().containsAll(wanted.entrySet()));
    }

    @Override
    public int compareTo(PodOwner other) {
        return ref.compareTo(other.ref);
    }
}
