package io.wimigrate.executor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.planner.azure.AzureConnection;
import java.util.function.Consumer;

/**
 * What a handler works with. {@code azure} is null when the plan changes nothing in Azure. With {@code dryRun} a
 * handler changes nothing: Kubernetes writes go through server-side dry run, Azure writes are only described.
 * {@code log} takes progress lines for the operator (never a secret value).
 */
public record StepContext(KubernetesClient kube, AzureConnection azure, Placeholders placeholders, boolean dryRun,
                          Timeouts timeouts, Consumer<String> log) {
}
