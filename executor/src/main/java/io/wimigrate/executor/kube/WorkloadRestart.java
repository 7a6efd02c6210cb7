package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.executor.Waits;
import io.wimigrate.executor.verify.WebhookInjection;
import io.wimigrate.executor.verify.WorkloadPods;
import io.wimigrate.planner.model.LabelPodTemplate;
import io.wimigrate.planner.model.RestartWorkload;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * New pods, so the webhook mutates them, and a wait until they are there. {@code rollout-restart}: the template
 * annotation {@code kubectl.kubernetes.io/restartedAt}, as {@code kubectl rollout restart} sets it, then the rollout
 * status; {@code next-scheduled-run}: a CronJob's next job makes new pods by itself, so there is nothing to do;
 * {@code rerun}: a Job is deleted and created again from its manifest; {@code recreate-pod}: a bare Pod likewise.
 * A restart is done once the annotation (or the uid) differs from what was observed before it, so a re-run after a
 * crash does not restart twice but still waits for the rollout. A rollout-restart of a template labelled for the
 * webhook also needs the new pods to carry the webhook's changes: when they lack some, the step restarts the workload
 * again once a dry-run pod shows the webhook injects everything now (its ServiceAccount cache had lagged behind the
 * API server); pods started while it was down (failurePolicy Ignore) fail the step, and the next run, finding them
 * so, restarts the workload again. Revert changes nothing for a workload with a template (phase 3's undo changes the
 * template, which rolls the pods back by itself); a recreated bare Pod is put back as it was recorded, webhook
 * mutations and all ({@link #restorePod}).
 */
public final class WorkloadRestart implements StepHandler<RestartWorkload> {

    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static final String ANNOTATIONS = "spec.template.metadata.annotations";
    private static final String UID = "uid";
    private static final String JOB = "job";
    /** How many more times one step restarts a workload whose new pods lack the webhook's changes. */
    static final int RESTARTS_WHEN_UNMUTATED = 2;
    /** How many dry-run pods ask whether the webhook injects now, before a restart again is given up. */
    private static final int PROBES = 6;
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
        OptimisticEdit.Result edit = OptimisticEdit.edit(context, target, workload -> {
            ObjectNode annotations = Json.at(workload, ANNOTATIONS);
            if (!again && !Objects.equals(Json.text(annotations, RESTARTED_AT), before)) {
                return false; // restarted after the observation: by this step before a crash
            }
            return stamp(workload);
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
        int restartedAgain = 0;
        while (!unmutated.isEmpty() && restartedAgain < RESTARTS_WHEN_UNMUTATED
                && webhookInjectsNow(step, unmutated, context)) {
            restartedAgain++;
            OptimisticEdit.edit(context, target, WorkloadRestart::stamp);
            awaitRollout(target, context);
            unmutated = unmutated(step, target.require(context), context);
        }
        if (!unmutated.isEmpty()) {
            throw new StepFailedException(target.display() + ": its new pods were created without the workload"
                    + " identity webhook's changes (" + String.join("; ", unmutated) + (restartedAgain == 0 ? ""
                    : "; also after restarting it " + restartedAgain + " more time(s)") + "). The webhook did not"
                    + " mutate them: check that it runs (kubectl get pods -n azure-workload-identity-system) and"
                    + " that MutatingWebhookConfiguration azure-wi-webhook-mutating-webhook-configuration reaches it"
                    + " (with failurePolicy Ignore, pods start unmutated while it is down); then run migrate apply"
                    + " again, which restarts the workload again");
        }
        if (restartedAgain > 0) {
            return Applied.changed("restarted " + target.display() + " " + (restartedAgain + 1) + " times (the"
                    + " webhook had not injected everything into the pods of the first); rollout complete");
        }
        String restartedAt = Json.text(Json.find(edit.object(), ANNOTATIONS), RESTARTED_AT);
        return edit.changed() ? Applied.changed((again ? "restarted again " : "restarted ") + target.display()
                + "; rollout complete") : Applied.unchanged(target.display() + " already restarted at "
                + restartedAt + "; rollout complete");
    }

    /**
     * Sets the template's restart annotation to now, as {@code kubectl rollout restart} says it (whole seconds), and
     * later than its value before: a restart within the same second as the one before still changes the template.
     */
    private static boolean stamp(ObjectNode workload) {
        ObjectNode annotations = Json.at(workload, ANNOTATIONS);
        String previous = Json.text(annotations, RESTARTED_AT);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant last = null;
        try {
            last = previous == null ? null : Instant.parse(previous);
        } catch (DateTimeParseException notOurs) {
            // someone else's format: any other value changes the template
        }
        annotations.put(RESTARTED_AT, (last != null && !now.isAfter(last) ? last.plusSeconds(1) : now).toString());
        return true;
    }

    /**
     * Whether the webhook now makes a pod of the workload's template right, asked with pods created by server-side
     * dry run until it does ({@link #PROBES} of them, the waits between them doubling from the backoff). The webhook
     * reads ServiceAccounts from a cache that can lag behind the API server (after either restarted): a pod it
     * admitted then has the token volume but no {@code AZURE_CLIENT_ID}, and once the cache caught up another restart
     * makes the pods right. While the webhook is down it never does, and restarting again would change nothing.
     */
    private static boolean webhookInjectsNow(RestartWorkload step, List<String> unmutated, StepContext context) {
        String workload = step.target().display();
        context.log().accept(workload + ": its new pods lack the workload identity webhook's changes ("
                + String.join("; ", unmutated) + "); asking the webhook with a dry-run pod whether it injects them"
                + " now");
        Duration wait = context.timeouts().backoff();
        for (int probe = 1; probe <= PROBES; probe++) {
            if (injectsNow(step, context)) {
                context.log().accept(workload + ": the webhook injects a pod of its template now; restarting it"
                        + " again");
                return true;
            }
            if (probe < PROBES) {
                Waits.sleep(wait, "for the webhook");
                wait = wait.multipliedBy(2);
            }
        }
        return false;
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

    /** Whether a pod of the workload's template, created by server-side dry run, carries the webhook's changes. */
    private static boolean injectsNow(RestartWorkload step, StepContext context) {
        try {
            Pod pod = WorkloadPods.fromTemplate(context.kube(), step.target());
            return WebhookInjection.missing(pod, namesClientId(step, pod, new HashMap<>(), context)).isEmpty();
        } catch (KubernetesClientException refused) {
            if (String.valueOf(refused.getMessage()).contains("failed calling webhook")) {
                return false; // it is down and its failurePolicy is Fail
            }
            throw refused;
        }
    }

    /**
     * What the webhook should have added to the workload's pods and did not; empty unless its template asks. A pod
     * whose ServiceAccount names a client id should carry {@code AZURE_CLIENT_ID} too.
     */
    private static List<String> unmutated(RestartWorkload step, ObjectNode workload, StepContext context) {
        ObjectNode labels = Json.find(workload, "spec.template.metadata.labels");
        if (labels == null || !"true".equals(Json.text(labels, WebhookInjection.USE_LABEL))) {
            return List.of();
        }
        Map<String, Boolean> namingClientId = new HashMap<>();
        return WorkloadPods.of(context.kube(), step.target()).pods().stream()
                .flatMap(pod -> WebhookInjection.missing(pod, namesClientId(step, pod, namingClientId, context))
                        .stream()).toList();
    }

    /** Whether the pod's ServiceAccount names a client id, read once per ServiceAccount into {@code known}. */
    private static boolean namesClientId(RestartWorkload step, Pod pod, Map<String, Boolean> known,
                                         StepContext context) {
        String name = Optional.ofNullable(pod.getSpec().getServiceAccountName()).orElse("default");
        return known.computeIfAbsent(name, account -> WebhookInjection.namesClientId(context.kube()
                .serviceAccounts().inNamespace(step.target().namespace()).withName(account).get()));
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
