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
        String namespace = target.namespace();
        List<Pod> pods;
        PodTemplateSpec template;
        switch (target.kind()) {
            case "Deployment" -> {
                var workload = require(target, kube.apps().deployments().inNamespace(namespace)
                        .withName(target.name()).get());
                pods = selected(kube, namespace, workload.getSpec().getSelector());
                template = workload.getSpec().getTemplate();
            }
            case "StatefulSet" -> {
                var workload = require(target, kube.apps().statefulSets().inNamespace(namespace)
                        .withName(target.name()).get());
                pods = selected(kube, namespace, workload.getSpec().getSelector());
                template = workload.getSpec().getTemplate();
            }
            case "DaemonSet" -> {
                var workload = require(target, kube.apps().daemonSets().inNamespace(namespace)
                        .withName(target.name()).get());
                pods = selected(kube, namespace, workload.getSpec().getSelector());
                template = workload.getSpec().getTemplate();
            }
            case "CronJob" -> {
                var workload = require(target, kube.batch().v1().cronjobs().inNamespace(namespace)
                        .withName(target.name()).get());
                Set<String> jobs = kube.batch().v1().jobs().inNamespace(namespace).list().getItems().stream()
                        .filter(job -> ownedBy(job, workload)).map(job -> job.getMetadata().getName())
                        .collect(Collectors.toSet());
                pods = kube.pods().inNamespace(namespace).list().getItems().stream()
                        .filter(pod -> pod.getMetadata().getOwnerReferences().stream()
                                .anyMatch(o -> "Job".equals(o.getKind()) && jobs.contains(o.getName())))
                        .toList();
                template = workload.getSpec().getJobTemplate().getSpec().getTemplate();
            }
            case "Pod" -> {
                Pod pod = require(target, kube.pods().inNamespace(namespace).withName(target.name()).get());
                pods = List.of(pod);
                template = null;
            }
            default -> throw new StepFailedException(target.display() + ": cannot verify a " + target.kind());
        }
        List<Pod> live = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
        if (!live.isEmpty() || template == null) {
            return new Found(live, false);
        }
        return new Found(List.of(probe(kube, namespace, target.name(), template)), true);
    }

    private static List<Pod> selected(KubernetesClient kube, String namespace, LabelSelector selector) {
        return kube.pods().inNamespace(namespace).withLabelSelector(selector).list().getItems();
    }

    private static boolean ownedBy(HasMetadata child, HasMetadata owner) {
        return child.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> o.getUid().equals(owner.getMetadata().getUid()));
    }

    private static Pod probe(KubernetesClient kube, String namespace, String workload, PodTemplateSpec template) {
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        Pod pod = new PodBuilder().withNewMetadata().withGenerateName(workload + "-wimigrate-verify-")
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
