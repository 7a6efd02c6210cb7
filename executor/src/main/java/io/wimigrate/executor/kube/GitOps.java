package io.wimigrate.executor.kube;

import io.wimigrate.executor.Applied;
import io.wimigrate.planner.model.Step;

/** A step on an object Helm, Argo CD or Flux owns is carried by the repository patch; a live patch would be undone. */
final class GitOps {

    private GitOps() {
    }

    static Applied routed(Step step) {
        return Applied.unchanged(step.target().display() + " is owned by GitOps: this change goes through its"
                + " repository (apply-repo-patch), not a live patch");
    }
}
