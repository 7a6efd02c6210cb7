package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.RemovePodIdentityLabel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Drops the {@code aadpodidbinding} label from the pod template; revert puts it back with its previous value. */
public final class PodIdentityLabelRemoval implements StepHandler<RemovePodIdentityLabel> {

    @Override
    public ObjectNode observe(RemovePodIdentityLabel step, StepContext context) {
        return labels(step).observe(step, context, List.of(step.desired().label()));
    }

    @Override
    public Applied apply(RemovePodIdentityLabel step, ObjectNode prior, StepContext context) {
        Map<String, String> absent = new HashMap<>();
        absent.put(step.desired().label(), null);
        return labels(step).apply(step, context, absent);
    }

    @Override
    public void revert(RemovePodIdentityLabel step, ObjectNode prior, StepContext context) {
        labels(step).revert(step, context, prior);
    }

    private static MetadataEntries labels(RemovePodIdentityLabel step) {
        return new MetadataEntries(step.desired().path(), "labels");
    }
}
