package io.wimigrate.executor.azure;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.StepFailedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The client id of a service principal whose credentials live in a Secret: the {@code AZURE_CLIENT_ID} of the
 * workloads that read that Secret (a literal value, or a key of a Secret). Only that key is ever taken from a Secret.
 */
final class SecretClientId {

    private static final String CLIENT_ID = "AZURE_CLIENT_ID";

    private SecretClientId() {
    }

    static String find(KubernetesClient kube, String namespace, String secret) {
        Map<String, String> byWorkload = new TreeMap<>();
        workloads(kube, namespace).forEach(workload -> workload.spec().getContainers().forEach(container -> {
            if (reads(container, secret)) {
                String clientId = clientId(kube, namespace, secret, container);
                if (clientId != null) {
                    byWorkload.put(workload.name(), clientId);
                }
            }
        }));
        TreeSet<String> ids = new TreeSet<>(byWorkload.values());
        if (ids.isEmpty()) {
            throw new StepFailedException("Secret/" + namespace + "/" + secret + ": no workload that reads it sets "
                    + CLIENT_ID + ", so the service principal whose roles are to be copied is unknown. Add"
                    + " AZURE_CLIENT_ID to the workload, or put the client id in the plan's overrides");
        }
        if (ids.size() > 1) {
            throw new StepFailedException("Secret/" + namespace + "/" + secret + ": the workloads that read it name"
                    + " different client ids " + byWorkload + "; make them agree, or copy the roles by hand");
        }
        return ids.first();
    }

    private static boolean reads(Container container, String secret) {
        Stream<String> fromEnv = container.getEnv() == null ? Stream.empty() : container.getEnv().stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef().getName());
        Stream<String> fromEnvFrom = container.getEnvFrom() == null ? Stream.empty() : container.getEnvFrom()
                .stream().map(EnvFromSource::getSecretRef).filter(Objects::nonNull).map(r -> r.getName());
        return Stream.concat(fromEnv, fromEnvFrom).anyMatch(secret::equals);
    }

    private static String clientId(KubernetesClient kube, String namespace, String secret, Container container) {
        for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            if (!CLIENT_ID.equals(env.getName())) {
                continue;
            }
            if (env.getValue() != null) {
                return env.getValue();
            }
            if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                return key(kube, namespace, env.getValueFrom().getSecretKeyRef().getName(),
                        env.getValueFrom().getSecretKeyRef().getKey());
            }
        }
        boolean envFromSecret = container.getEnvFrom() != null && container.getEnvFrom().stream()
                .anyMatch(f -> f.getSecretRef() != null && secret.equals(f.getSecretRef().getName()));
        return envFromSecret ? key(kube, namespace, secret, CLIENT_ID) : null;
    }

    private static String key(KubernetesClient kube, String namespace, String name, String key) {
        Secret secret = kube.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null || secret.getData() == null || secret.getData().get(key) == null) {
            return null;
        }
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8).trim();
    }

    private record Workload(String name, PodSpec spec) {
    }

    private static List<Workload> workloads(KubernetesClient kube, String namespace) {
        List<Workload> all = new ArrayList<>();
        kube.apps().deployments().inNamespace(namespace).list().getItems().forEach(d -> all.add(new Workload(
                "Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate().getSpec())));
        kube.apps().statefulSets().inNamespace(namespace).list().getItems().forEach(s -> all.add(new Workload(
                "StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate().getSpec())));
        kube.apps().daemonSets().inNamespace(namespace).list().getItems().forEach(s -> all.add(new Workload(
                "DaemonSet/" + s.getMetadata().getName(), s.getSpec().getTemplate().getSpec())));
        kube.batch().v1().cronjobs().inNamespace(namespace).list().getItems().forEach(c -> all.add(new Workload(
                "CronJob/" + c.getMetadata().getName(), c.getSpec().getJobTemplate().getSpec().getTemplate()
                .getSpec())));
        kube.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> p.getMetadata().getOwnerReferences() == null
                        || p.getMetadata().getOwnerReferences().isEmpty())
                .forEach(p -> all.add(new Workload("Pod/" + p.getMetadata().getName(), p.getSpec())));
        return all;
    }
}
