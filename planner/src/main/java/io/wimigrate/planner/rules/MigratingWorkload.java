package io.wimigrate.planner.rules;

import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.model.Workload;
import java.util.List;

/** A workload the plan moves, and the credentials it uses today (pod identities first, in binding order). */
public record MigratingWorkload(String cluster, Workload workload, List<CredentialSource> sources) {

    public String key() {
        return cluster + ":" + workload.ref().display();
    }

    public String namespace() {
        return workload.ref().namespace();
    }

    public String name() {
        return workload.ref().name();
    }

    public Target target() {
        return Target.kube(cluster, workload.ref());
    }

    public boolean podIdentity() {
        return sources.stream().anyMatch(CredentialSource::podIdentity);
    }

    /** {@code ns/name}, or {@code Kind/ns/name} for a bare Pod, as messages name it. */
    public String display() {
        return workload.ref().display();
    }
}
