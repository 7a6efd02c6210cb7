package io.wimigrate.executor.verify;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.planner.model.CreateFederatedCredential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the azure-workload-identity webhook adds to a pod it mutates (one labelled {@code azure.workload.identity/use:
 * "true"}): a projected ServiceAccount token volume for {@code api://AzureADTokenExchange}, and in every container not
 * skipped, {@code AZURE_FEDERATED_TOKEN_FILE} pointing into it (with the client id, tenant and authority host).
 * The webhook reads the pod's ServiceAccount from its cache, which can lag behind the API server (after a restart of
 * either): a pod admitted then gets the volume and token file but not {@code AZURE_CLIENT_ID}, although the
 * ServiceAccount names a client id.
 */
public final class WebhookInjection {

    public static final String USE_LABEL = "azure.workload.identity/use";
    static final String SKIP_CONTAINERS = "azure.workload.identity/skip-containers";
    static final String TOKEN_FILE = "AZURE_FEDERATED_TOKEN_FILE";
    private static final String CLIENT_ID = "AZURE_CLIENT_ID";

    private WebhookInjection() {
    }

    /**
     * What of the webhook's changes the pod lacks, one phrase each; empty when the webhook mutated it. With
     * {@code clientIdExpected} (its ServiceAccount names a client id), {@code AZURE_CLIENT_ID} is expected too.
     */
    public static List<String> missing(Pod pod, boolean clientIdExpected) {
        List<String> missing = new ArrayList<>();
        String name = "pod " + Optional.ofNullable(pod.getMetadata().getName()).orElse("from template");
        if (pod.getSpec().getVolumes().stream().noneMatch(WebhookInjection::exchangeToken)) {
            missing.add(name + " has no projected token volume for " + CreateFederatedCredential.AUDIENCE);
        }
        Set<String> skipped = skipped(pod);
        for (Container container : pod.getSpec().getContainers()) {
            if (skipped.contains(container.getName())) {
                continue;
            }
            Set<String> env = container.getEnv().stream().map(EnvVar::getName).collect(Collectors.toSet());
            List<String> lacking = (clientIdExpected ? List.of(CLIENT_ID, TOKEN_FILE) : List.of(TOKEN_FILE)).stream()
                    .filter(variable -> !env.contains(variable)).toList();
            if (!lacking.isEmpty()) {
                missing.add(name + " container " + container.getName() + " lacks " + String.join(", ", lacking));
            }
        }
        return missing;
    }

    /** Whether the ServiceAccount names a client id, which the webhook injects as {@code AZURE_CLIENT_ID}. */
    public static boolean namesClientId(ServiceAccount account) {
        return account != null && account.getMetadata().getAnnotations() != null
                && !Optional.ofNullable(account.getMetadata().getAnnotations().get(AnnotateServiceAccount.CLIENT_ID))
                .orElse("").isBlank();
    }

    static boolean exchangeToken(Volume volume) {
        return volume.getProjected() != null && volume.getProjected().getSources().stream()
                .anyMatch(s -> s.getServiceAccountToken() != null
                        && CreateFederatedCredential.AUDIENCE.equals(s.getServiceAccountToken().getAudience()));
    }

    static Set<String> skipped(Pod pod) {
        String value = pod.getMetadata().getAnnotations() == null ? null
                : pod.getMetadata().getAnnotations().get(SKIP_CONTAINERS);
        return value == null ? Set.of() : Arrays.stream(value.split(";")).map(String::trim)
                .collect(Collectors.toSet());
    }
}
