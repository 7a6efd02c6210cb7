package io.wimigrate.executor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.planner.azure.AzureConnection;
import io.wimigrate.planner.model.Step;
import java.util.function.Consumer;

/**
 * What a handler works with. {@code azure} is null when the plan changes nothing in Azure. With {@code dryRun} a
 * handler changes nothing: Kubernetes writes go through server-side dry run, Azure writes are only described.
 * {@code log} takes progress lines for the operator (never a secret value). With {@code patchGitOpsLive} the operator
 * asked for objects that Helm, Argo CD or Flux own to be patched live as well as in their repository.
 */
public record StepContext(KubernetesClient kube, AzureConnection azure, Placeholders placeholders, boolean dryRun,
                          Timeouts timeouts, Consumer<String> log, boolean patchGitOpsLive) {

    public StepContext(KubernetesClient kube, AzureConnection azure, Placeholders placeholders, boolean dryRun,
                       Timeouts timeouts, Consumer<String> log) {
        this(kube, azure, placeholders, dryRun, timeouts, log, false);
    }

    /** True when the step's change reaches the object only through its repository, not by a live patch. */
    public boolean viaGit(Step step) {
        return step.gitops() && !patchGitOpsLive;
    }
}
