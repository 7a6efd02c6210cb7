package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.SetServiceAccountName;
import java.util.Objects;
import java.util.Optional;

/**
 * Points a pod template at another ServiceAccount, with optimistic concurrency. The API keeps the deprecated
 * {@code serviceAccount} field as a copy of {@code serviceAccountName}; both are recorded and restored, so revert
 * leaves the template exactly as it was. A bare Pod's spec is immutable: it is recreated with the new name.
 */
public final class ServiceAccountNameChange implements StepHandler<SetServiceAccountName> {

    private static final String NAME = "serviceAccountName";
    private static final String DEPRECATED = "serviceAccount";

    @Override
    public ObjectNode observe(SetServiceAccountName step, StepContext context) {
        ObjectNode prior = Json.object();
        if (context.viaGit(step)) {
            return prior;
        }
        KubeObject target = KubeObject.of(step.target());
        ObjectNode live = target.require(context);
        ObjectNode spec = Json.find(live, step.desired().path());
        prior.put(NAME, Json.text(spec, NAME)).put(DEPRECATED, Json.text(spec, DEPRECATED)); // null when absent
        if (isPod(step)) {
            prior.set(PodRecreation.PRIOR_FIELD, PodRecreation.record(target, live));
        }
        return prior;
    }

    @Override
    public Applied apply(SetServiceAccountName step, ObjectNode prior, StepContext context) {
        if (context.viaGit(step)) {
            return GitOps.routed(step);
        }
        String name = context.placeholders().resolve(step.desired().serviceAccountName());
        boolean changed = write(step, prior, context, name, name);
        String what = step.desired().path() + "." + NAME + " of " + step.target().display();
        return changed ? Applied.changed((context.dryRun() ? "would set " : "set ") + what + " to " + name)
                : Applied.unchanged(what + " already " + name);
    }

    @Override
    public void revert(SetServiceAccountName step, ObjectNode prior, StepContext context) {
        if (!prior.has(NAME)) {
            return;
        }
        write(step, prior, context, Json.text(prior, NAME), Json.text(prior, DEPRECATED));
    }

    private static boolean write(SetServiceAccountName step, ObjectNode prior, StepContext context, String name,
                                 String deprecated) {
        String path = step.desired().path();
        KubeObject target = KubeObject.of(step.target());
        if (!isPod(step)) {
            return OptimisticEdit.edit(context, target, object -> set(Json.at(object, path), name, deprecated))
                    .changed();
        }
        Optional<ObjectNode> live = target.read(context);
        if (live.isPresent() && !set(Json.at(live.get().deepCopy(), path), name, deprecated)) {
            return false;
        }
        PodRecreation.recreate(context, target, live.orElse(null), (ObjectNode) prior.get(PodRecreation.PRIOR_FIELD),
                pod -> set(Json.at(pod, path), name, deprecated));
        return true;
    }

    private static boolean set(ObjectNode spec, String name, String deprecated) {
        if (Objects.equals(Json.text(spec, NAME), name) && Objects.equals(Json.text(spec, DEPRECATED), deprecated)) {
            return false;
        }
        Json.putOrRemove(spec, NAME, name);
        Json.putOrRemove(spec, DEPRECATED, deprecated);
        return true;
    }

    private static boolean isPod(SetServiceAccountName step) {
        return PodSpecs.POD.equals(step.target().kind());
    }
}
