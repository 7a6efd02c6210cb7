package io.wimigrate.executor.verify;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.planner.model.Target;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pods a workload runs now (not terminating), found through its selector or owners. When it has none (a CronJob
 * between runs, a workload scaled to zero), a pod is created from its template with server-side dry run: admission
 * webhooks run on it, so it shows what the next real pod gets, and nothing is stored.
 */
public final class WorkloadPods {

    public record Found(List<Pod> pods, boolean probe) {
    }

    private WorkloadPods() {
    }

    public static Found of(KubernetesClient kube, Target target) {
        Workload workload = read(kube, target);
        List<Pod> live = workload.pods().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .toList();
        if (!live.isEmpty() || workload.template() == null) {
            return new Found(live, false);
        }
        return new Found(List.of(probe(kube, target, workload.template())), true);
    }

    /**
     * A pod created from the workload's template by server-side dry run, as admission (the webhook) makes it now;
     * nothing is stored. A bare Pod has no template: it is returned as it runs.
     */
    public static Pod fromTemplate(KubernetesClient kube, Target target) {
        Workload workload = read(kube, target);
        return workload.template() == null ? workload.pods().get(0) : probe(kube, target, workload.template());
    }

    private record Workload(List<Pod> pods, PodTemplateSpec template) {
    }

    private static Workload read(KubernetesClient kube, Target target) {
        String namespace = target.namespace();
        return switch (target.kind()) {
            case "Deployment" -> {
                var workload = require(target, kube.apps().deployments().inNamespace(namespace)
                        .withName(target.name()).get());
                yield new Workload(selected(kube, namespace, workload.getSpec().getSelector()),
                        workload.getSpec().getTemplate());
            }
            case "StatefulSet" -> {
                var workload = require(target, kube.apps().statefulSets().inNamespace(namespace)
                        .withName(target.name()).get());
                yield new Workload(selected(kube, namespace, workload.getSpec().getSelector()),
                        workload.getSpec().getTemplate());
            }
            case "DaemonSet" -> {
                var workload = require(target, kube.apps().daemonSets().inNamespace(namespace)
                        .withName(target.name()).get());
                yield new Workload(selected(kube, namespace, workload.getSpec().getSelector()),
                        workload.getSpec().getTemplate());
            }
            case "CronJob" -> {
                var workload = require(target, kube.batch().v1().cronjobs().inNamespace(namespace)
                        .withName(target.name()).get());
                Set<String> jobs = kube.batch().v1().jobs().inNamespace(namespace).list().getItems().stream()
                        .filter(job -> ownedBy(job, workload)).map(job -> job.getMetadata().getName())
                        .collect(Collectors.toSet());
                yield new Workload(kube.pods().inNamespace(namespace).list().getItems().stream()
                        .filter(pod -> pod.getMetadata().getOwnerReferences().stream()
                                .anyMatch(o -> "Job".equals(o.getKind()) && jobs.contains(o.getName())))
                        .toList(), workload.getSpec().getJobTemplate().getSpec().getTemplate());
            }
            case "Pod" -> new Workload(List.of(require(target, kube.pods().inNamespace(namespace)
                    .withName(target.name()).get())), null);
            default -> throw new StepFailedException(target.display() + ": cannot verify a " + target.kind());
        };
    }

    private static List<Pod> selected(KubernetesClient kube, String namespace, LabelSelector selector) {
        return kube.pods().inNamespace(namespace).withLabelSelector(selector).list().getItems();
    }

    private static boolean ownedBy(HasMetadata child, HasMetadata owner) {
        return child.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> o.getUid().equals(owner.getMetadata().getUid()));
    }

    private static Pod probe(KubernetesClient kube, Target target, PodTemplateSpec template) {
        String namespace = target.namespace();
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        Pod pod = new PodBuilder().withNewMetadata().withGenerateName(target.name() + "-wimigrate-verify-")
                .withNamespace(namespace).withLabels(meta.getLabels()).withAnnotations(meta.getAnnotations())
                .endMetadata().withSpec(template.getSpec()).build();
        return kube.pods().inNamespace(namespace).resource(pod).dryRun().create();
    }

    private static <T> T require(Target target, T object) {
        if (object == null) {
            throw new StepFailedException(target.display() + " does not exist");
        }
        return object;
    }
}
