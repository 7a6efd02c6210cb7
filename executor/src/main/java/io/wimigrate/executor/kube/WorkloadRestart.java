package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.executor.verify.WebhookInjection;
import io.wimigrate.executor.verify.WorkloadPods;
import io.wimigrate.planner.model.LabelPodTemplate;
import io.wimigrate.planner.model.RestartWorkload;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * New pods, so the webhook mutates them, and a wait until they are there. {@code rollout-restart}: the template
 * annotation {@code kubectl.kubernetes.io/restartedAt}, as {@code kubectl rollout restart} sets it, then the rollout
 * status; {@code next-scheduled-run}: a CronJob's next job makes new pods by itself, so there is nothing to do;
 * {@code rerun}: a Job is deleted and created again from its manifest; {@code recreate-pod}: a bare Pod likewise.
 * A restart is done once the annotation (or the uid) differs from what was observed before it, so a re-run after a
 * crash does not restart twice but still waits for the rollout. A rollout-restart of a template labelled for the
 * webhook also needs the new pods to carry the webhook's changes: pods started while it was down (failurePolicy
 * Ignore) fail the step, and the next run, finding them so, restarts the workload again. Revert changes nothing for a
 * workload with a template (phase 3's undo changes the template, which rolls the pods back by itself); a recreated
 * bare Pod is put back as it was recorded, webhook mutations and all ({@link #restorePod}).
 */
public final class WorkloadRestart implements StepHandler<RestartWorkload> {

    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static final String ANNOTATIONS = "spec.template.metadata.annotations";
    private static final String UID = "uid";
    private static final String JOB = "job";
    /** Labels and selector the Job controller generates; a copy must leave them out to be accepted. */
    private static final List<String> JOB_LABELS = List.of("controller-uid", "job-name",
            "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name");

    @Override
    public ObjectNode observe(RestartWorkload step, StepContext context) {
        ObjectNode prior = Json.object();
        KubeObject target = KubeObject.of(step.target());
        switch (step.desired().method()) {
            case "rollout-restart" -> {
                prior.put(RESTARTED_AT, Json.text(Json.find(target.require(context), ANNOTATIONS), RESTARTED_AT));
            }
            case "rerun" -> {
                ObjectNode job = target.require(context);
                PodSpecs.requireNoLiteralSecret(target, Json.at(job, PodSpecs.path(target.kind())));
                prior.put(UID, Json.text(job.path("metadata"), UID)).set(JOB, Json.manifest(job, false));
            }
            case RestartWorkload.RECREATE_POD -> {
                ObjectNode pod = target.require(context);
                prior.put(UID, Json.text(pod.path("metadata"), UID))
                        .set(PodRecreation.PRIOR_FIELD, PodRecreation.record(target, pod));
            }
            case "next-scheduled-run" -> target.require(context);
            default -> throw unknown(step);
        }
        return prior;
    }

    @Override
    public Applied apply(RestartWorkload step, ObjectNode prior, StepContext context) {
        KubeObject target = KubeObject.of(step.target());
        return switch (step.desired().method()) {
            case "rollout-restart" -> rolloutRestart(step, prior, context);
            case "rerun" -> rerun(target, prior, context);
            case RestartWorkload.RECREATE_POD -> recreatePod(target, prior, context);
            case "next-scheduled-run" -> nextRun(target, context);
            default -> throw unknown(step);
        };
    }

    @Override
    public void revert(RestartWorkload step, ObjectNode prior, StepContext context) {
        if (RestartWorkload.RECREATE_POD.equals(step.desired().method())) {
            restorePod(KubeObject.of(step.target()), prior, context);
        }
        // Otherwise nothing to undo: restarted pods run what their template says, and phase 3's undo restores the
        // templates.
    }

    /**
     * A bare Pod is its own template: the recreated pod carries what the webhook injected, while the one it replaced
     * may not have (phase 3 labels a pod after it was created, so the webhook never saw that one). The recorded pod is
     * put back as it was: created again without the webhook's label when the webhook had not mutated it, and the label
     * put back once it exists.
     */
    private static void restorePod(KubeObject target, ObjectNode prior, StepContext context) {
        if (!(prior.get(PodRecreation.PRIOR_FIELD) instanceof ObjectNode recorded)) {
            return;
        }
        boolean unmutated = !PodRecreation.mutated(recorded);
        Optional<ObjectNode> live = target.read(context);
        if (live.isEmpty() || unmutated && PodRecreation.mutated(live.get())) {
            PodRecreation.recreate(context, target, live.orElse(null), recorded,
                    pod -> {
                        if (unmutated) {
                            Json.at(pod, "metadata.labels").remove(LabelPodTemplate.USE_LABEL);
                        }
                    });
        }
        String use = Json.text(Json.find(recorded, "metadata.labels"), LabelPodTemplate.USE_LABEL);
        OptimisticEdit.edit(context, target, pod -> {
            ObjectNode labels = Json.at(pod, "metadata.labels");
            if (Objects.equals(Json.text(labels, LabelPodTemplate.USE_LABEL), use)) {
                return false;
            }
            Json.putOrRemove(labels, LabelPodTemplate.USE_LABEL, use);
            return true;
        });
    }

    private static Applied rolloutRestart(RestartWorkload step, ObjectNode prior, StepContext context) {
        KubeObject target = KubeObject.of(step.target());
        String before = Json.text(prior, RESTARTED_AT);
        boolean again = !context.dryRun() && restartedWithoutWebhook(step, before, context);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        OptimisticEdit.Result edit = OptimisticEdit.edit(context, target, workload -> {
            ObjectNode annotations = Json.at(workload, ANNOTATIONS);
            if (!again && !Objects.equals(Json.text(annotations, RESTARTED_AT), before)) {
                return false; // restarted after the observation: by this step before a crash
            }
            annotations.put(RESTARTED_AT, now);
            return true;
        });
        if (context.dryRun()) {
            return edit.changed() ? Applied.changed("would restart " + target.display())
                    : Applied.unchanged(target.display() + " already restarted");
        }
        if (RolloutStatus.updatesOnDeleteOnly(edit.object())) {
            context.log().accept("warning: " + target.display() + " updates pods on deletion only (OnDelete):"
                    + " delete its pods to restart them");
            return edit.changed() ? Applied.changed("restarted " + target.display())
                    : Applied.unchanged(target.display() + " already restarted");
        }
        awaitRollout(target, context);
        List<String> unmutated = unmutated(step, target.require(context), context);
        if (!unmutated.isEmpty()) {
            throw new StepFailedException(target.display() + ": its new pods were created without the workload"
                    + " identity webhook's changes (" + String.join("; ", unmutated) + "). The webhook did not"
                    + " mutate them: check that it runs (kubectl get pods -n azure-workload-identity-system) and"
                    + " that MutatingWebhookConfiguration azure-wi-webhook-mutating-webhook-configuration reaches it"
                    + " (with failurePolicy Ignore, pods start unmutated while it is down); then run migrate apply"
                    + " again, which restarts the workload again");
        }
        String restartedAt = Json.text(Json.find(edit.object(), ANNOTATIONS), RESTARTED_AT);
        return edit.changed() ? Applied.changed((again ? "restarted again " : "restarted ") + target.display()
                + "; rollout complete") : Applied.unchanged(target.display() + " already restarted at "
                + restartedAt + "; rollout complete");
    }

    /**
     * This step restarted the workload in an earlier run, the rollout completed, and yet its pods lack the webhook's
     * changes (it was down, and its failurePolicy let them start): another restart is what makes them right.
     */
    private static boolean restartedWithoutWebhook(RestartWorkload step, String before, StepContext context) {
        ObjectNode workload = KubeObject.of(step.target()).require(context);
        return !Objects.equals(Json.text(Json.find(workload, ANNOTATIONS), RESTARTED_AT), before)
                && RolloutStatus.pending(workload) == null && !unmutated(step, workload, context).isEmpty();
    }

    /** What the webhook should have added to the workload's pods and did not; empty unless its template asks. */
    private static List<String> unmutated(RestartWorkload step, ObjectNode workload, StepContext context) {
        ObjectNode labels = Json.find(workload, "spec.template.metadata.labels");
        if (labels == null || !"true".equals(Json.text(labels, WebhookInjection.USE_LABEL))) {
            return List.of();
        }
        return WorkloadPods.of(context.kube(), step.target()).pods().stream()
                .flatMap(pod -> WebhookInjection.missing(pod).stream()).toList();
    }

    private static void awaitRollout(KubeObject target, StepContext context) {
        context.log().accept("waiting for the rollout of " + target.display());
        try {
            target.awaitCondition(context, context.timeouts().rollout(),
                    workload -> workload != null && RolloutStatus.pending(workload) == null, "to finish its rollout");
        } catch (StepFailedException e) {
            String pending = target.read(context).map(RolloutStatus::pending).orElse("it was deleted");
            throw new StepFailedException(e.getMessage() + " (" + pending + "); check its pods with kubectl describe",
                    e);
        }
    }

    private static Applied rerun(KubeObject target, ObjectNode prior, StepContext context) {
        Optional<ObjectNode> live = target.read(context);
        if (live.isPresent() && !Objects.equals(Json.text(live.get().path("metadata"), UID), Json.text(prior, UID))) {
            return Applied.unchanged(target.display() + " already rerun");
        }
        if (!(prior.get(JOB) instanceof ObjectNode recorded)) {
            throw new StepFailedException(target.display() + " not found and no copy recorded to rerun it from");
        }
        ObjectNode job = withoutGeneratedSelector(live.orElse(recorded));
        if (live.isPresent()) {
            target.requireCreatable(context, job);
            target.delete(context, null);
            if (context.dryRun()) {
                return Applied.changed("would rerun " + target.display());
            }
            target.awaitDeleted(context, context.timeouts().rollout());
        }
        target.create(context, job);
        if (!context.dryRun()) {
            target.awaitCondition(context, context.timeouts().rollout(),
                    created -> created != null && created.path("status").hasNonNull("startTime"), "to start");
        }
        return Applied.changed((context.dryRun() ? "would rerun " : "reran ") + target.display());
    }

    private static ObjectNode withoutGeneratedSelector(ObjectNode job) {
        ObjectNode copy = Json.manifest(job, false);
        ObjectNode spec = (ObjectNode) copy.path("spec");
        if (!spec.path("manualSelector").asBoolean()) {
            spec.remove("selector");
            for (String path : new String[] {"metadata.labels", "spec.template.metadata.labels"}) {
                ObjectNode labels = Json.find(copy, path);
                if (labels != null) {
                    labels.remove(JOB_LABELS);
                }
            }
        }
        return copy;
    }

    private static Applied recreatePod(KubeObject target, ObjectNode prior, StepContext context) {
        Optional<ObjectNode> live = target.read(context);
        boolean done = live.isPresent()
                && !Objects.equals(Json.text(live.get().path("metadata"), UID), Json.text(prior, UID));
        if (!done) {
            PodRecreation.recreate(context, target, live.orElse(null),
                    (ObjectNode) prior.get(PodRecreation.PRIOR_FIELD), pod -> { });
        }
        if (context.dryRun()) {
            return Applied.changed("would recreate " + target.display());
        }
        target.awaitCondition(context, context.timeouts().rollout(), WorkloadRestart::running, "to run");
        return done ? Applied.unchanged(target.display() + " already recreated")
                : Applied.changed("recreated " + target.display() + " from its spec");
    }

    private static Applied nextRun(KubeObject target, StepContext context) {
        ObjectNode cronJob = target.require(context);
        JsonNode spec = cronJob.path("spec");
        String when = spec.path("suspend").asBoolean() ? "it is suspended: no job runs until it is resumed"
                : "its next scheduled run (" + spec.path("schedule").asText() + ") creates mutated pods";
        return Applied.unchanged(target.display() + ": nothing to restart; " + when);
    }

    private static StepFailedException unknown(RestartWorkload step) {
        return new StepFailedException(step.target().display() + ": unknown restart method "
                + step.desired().method() + " (known: rollout-restart, next-scheduled-run, rerun, recreate-pod)");
    }

    /** A pod that runs (or ran to completion). */
    private static boolean running(ObjectNode pod) {
        String phase = pod == null ? "" : pod.path("status").path("phase").asText();
        return "Running".equals(phase) || "Succeeded".equals(phase);
    }
}
