package io.wimigrate.executor.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;

/** The checks every Kubernetes handler must pass, on the step's live target. */
final class StepChecks {

    private StepChecks() {
    }

    /** With server-side dry run the step reports what it would do and the target stays as it was. */
    static <S extends Step> void dryRunChangesNothing(KubeFixtures fx, StepHandler<S> handler, S step, Target target) {
        ObjectNode before = fx.comparable(target);

        Applied applied = handler.apply(step, handler.observe(step, fx.dryRun()), fx.dryRun());

        assertThat(applied.changed()).as(applied.detail()).isTrue();
        assertThat(applied.detail()).startsWith("would");
        assertThat(fx.comparable(target)).isEqualTo(before);
    }

    /** A GitOps step goes through the repository: observe, apply and revert leave the live target alone. */
    static <S extends Step> void gitOpsNotPatchedLive(KubeFixtures fx, StepHandler<S> handler, S step,
                                                      Target target) {
        ObjectNode before = fx.comparable(target);

        ObjectNode prior = handler.observe(step, fx.context());
        Applied applied = handler.apply(step, prior, fx.context());
        handler.revert(step, prior, fx.context());

        assertThat(applied.changed()).isFalse();
        assertThat(applied.detail()).contains("GitOps", "repository");
        assertThat(fx.comparable(target)).isEqualTo(before);
    }

    /** Reverting an undone step again writes nothing. */
    static <S extends Step> void revertAgainIsNoOp(KubeFixtures fx, StepHandler<S> handler, S step, ObjectNode prior,
                                                   Target target) {
        fx.settled(target);
        String version = fx.resourceVersion(target);

        handler.revert(step, prior, fx.context());

        assertThat(fx.resourceVersion(target)).isEqualTo(version);
    }

    /** Applying a done step again reports no change and writes nothing (the resourceVersion stays). */
    static <S extends Step> void reapplyIsNoOp(KubeFixtures fx, StepHandler<S> handler, S step, ObjectNode prior,
                                               Target target) {
        fx.settled(target);
        String version = fx.resourceVersion(target);

        Applied again = handler.apply(step, prior, fx.context());

        assertThat(again.changed()).as(again.detail()).isFalse();
        assertThat(fx.resourceVersion(target)).isEqualTo(version);
    }
}
