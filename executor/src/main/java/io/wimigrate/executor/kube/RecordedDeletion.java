package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.Step;
import java.util.Optional;

/**
 * Deletes a step's target after keeping a full copy of it (without server-set metadata) in the prior state, so
 * revert creates it again as it was. For objects that hold no secret value: AzureIdentityBindings (deleted once every
 * workload they select is verified) and AzureIdentities (the Azure identity stays).
 */
public final class RecordedDeletion<S extends Step> implements StepHandler<S> {

    private static final String COPY = "object";

    @Override
    public ObjectNode observe(S step, StepContext context) {
        ObjectNode prior = Json.object();
        if (!context.viaGit(step)) {
            KubeObject.of(step.target()).read(context).ifPresent(live -> prior.set(COPY, Json.manifest(live, true)));
        }
        return prior;
    }

    @Override
    public Applied apply(S step, ObjectNode prior, StepContext context) {
        if (context.viaGit(step)) {
            return GitOps.routed(step);
        }
        KubeObject target = KubeObject.of(step.target());
        Optional<ObjectNode> live = target.read(context);
        if (live.isEmpty()) {
            return Applied.unchanged(target.display() + " already gone");
        }
        target.delete(context, Json.text(live.get().path("metadata"), "resourceVersion"));
        return Applied.changed((context.dryRun() ? "would delete " : "deleted ") + target.display()
                + " (a copy is in the journal)");
    }

    @Override
    public void revert(S step, ObjectNode prior, StepContext context) {
        if (!(prior.get(COPY) instanceof ObjectNode copy)) {
            return;
        }
        KubeObject target = KubeObject.of(step.target());
        if (target.read(context).isEmpty()) {
            target.create(context, copy);
        }
    }
}
