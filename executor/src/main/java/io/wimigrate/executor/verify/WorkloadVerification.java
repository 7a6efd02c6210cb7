package io.wimigrate.executor.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.ReadOnlyStepHandler;
import io.wimigrate.executor.kube.KubeErrors;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.VerifyWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Proves a migrated workload works: its pods run as the planned ServiceAccount and carry what the webhook injects
 * (the {@code AZURE_*} environment with the planned client id, and a projected token volume for
 * {@code api://AzureADTokenExchange}); then, for every client id, a token of that ServiceAccount obtained through
 * TokenRequest is exchanged at the tenant's token endpoint, as the workload's Azure Identity library will, retrying
 * AADSTS70021 while a new federated credential propagates. A failure names the workload and the documented fix.
 */
public final class WorkloadVerification implements ReadOnlyStepHandler<VerifyWorkload> {

    private static final long TOKEN_SECONDS = 600;

    @Override
    public Applied apply(VerifyWorkload step, ObjectNode prior, StepContext context) {
        String workload = step.target().display();
        if (context.dryRun()) {
            return Applied.unchanged("would verify " + workload + ": injected " + step.desired().env()
                    + " and token exchange for " + step.desired().clientIds());
        }
        List<String> clientIds = step.desired().clientIds().stream().map(context.placeholders()::resolve).toList();
        if (context.azure() == null) {
            throw new StepFailedException(workload + ": verifying needs an Azure connection for the token exchange");
        }
        WorkloadPods.Found found = WorkloadPods.of(context.kube(), step.target());
        if (found.pods().isEmpty()) {
            throw new StepFailedException(workload + " has no running pods to verify: wait for its rollout, then"
                    + " run migrate verify again");
        }
        List<String> problems = new ArrayList<>();
        for (Pod pod : found.pods()) {
            problems.addAll(injectionProblems(pod, step, clientIds.get(0)));
        }
        if (!problems.isEmpty()) {
            throw new StepFailedException(workload + ": " + String.join("; ", problems) + ". Check that the pod"
                    + " template has label azure.workload.identity/use=true, that ServiceAccount "
                    + step.target().namespace() + "/" + step.desired().serviceAccount() + " has annotation"
                    + " azure.workload.identity/client-id, and that the pods were created after both (restart the"
                    + " workload)");
        }
        String tenant = tenant(found.pods().get(0)).orElse(context.azure().tenantId());
        String token = serviceAccountToken(step, context);
        TokenExchange exchange = new TokenExchange(context.azure());
        List<String> failures = new ArrayList<>();
        for (String clientId : clientIds) {
            TokenExchange.Outcome outcome = exchange.exchangeWhilePropagating(tenant, clientId, token,
                    context.timeouts().propagation(), context.timeouts().backoff(), context.log());
            if (!outcome.succeeded()) {
                String waited = TokenExchange.PROPAGATING.equals(outcome.code()) ? " (still refused after retrying"
                        + " for " + context.timeouts().propagation().toSeconds() + " s)" : "";
                failures.add("client id " + clientId + ": " + outcome.description() + waited + " -> "
                        + TokenExchange.fix(outcome.code()));
            }
        }
        if (!failures.isEmpty()) {
            throw new StepFailedException(workload + " running as " + subject(step) + " cannot get a token: "
                    + String.join("; ", failures));
        }
        return Applied.unchanged(workload + ": " + found.pods().size() + (found.probe() ? " pod from its template"
                + " (server-side dry run; none running)" : " pod(s)") + " carry the workload identity environment,"
                + " and " + subject(step) + " exchanged its token for " + String.join(", ", clientIds));
    }

    private static List<String> injectionProblems(Pod pod, VerifyWorkload step, String clientId) {
        List<String> problems = new ArrayList<>();
        String name = "pod " + Optional.ofNullable(pod.getMetadata().getName()).orElse("from template");
        String serviceAccount = pod.getSpec().getServiceAccountName();
        if (!step.desired().serviceAccount().equals(serviceAccount)) {
            problems.add(name + " runs as ServiceAccount " + serviceAccount + ", not "
                    + step.desired().serviceAccount());
        }
        Set<String> tokenVolumes = pod.getSpec().getVolumes().stream().filter(WebhookInjection::exchangeToken)
                .map(Volume::getName).collect(Collectors.toSet());
        if (tokenVolumes.isEmpty()) {
            problems.add(name + " has no projected token volume for " + CreateFederatedCredential.AUDIENCE);
        }
        Set<String> skipped = WebhookInjection.skipped(pod);
        for (Container container : pod.getSpec().getContainers()) {
            if (skipped.contains(container.getName())) {
                continue;
            }
            Set<String> names = container.getEnv().stream().map(EnvVar::getName).collect(Collectors.toSet());
            Set<String> missing = new TreeSet<>(step.desired().env());
            missing.removeAll(names);
            if (!missing.isEmpty()) {
                problems.add(name + " container " + container.getName() + " lacks " + String.join(", ", missing));
            }
            container.getEnv().stream().filter(e -> "AZURE_CLIENT_ID".equals(e.getName()) && e.getValue() != null
                    && !e.getValue().equalsIgnoreCase(clientId)).findFirst().ifPresent(e -> problems.add(name
                    + " container " + container.getName() + " has AZURE_CLIENT_ID " + e.getValue() + ", not "
                    + clientId + " (the webhook never overrides a variable the container sets itself: remove"
                    + " AZURE_CLIENT_ID from the pod template or set it to " + clientId + ")"));
            if (!tokenVolumes.isEmpty() && container.getVolumeMounts().stream()
                    .noneMatch(m -> tokenVolumes.contains(m.getName()))) {
                problems.add(name + " container " + container.getName() + " does not mount the token volume");
            }
        }
        return problems;
    }

    private static Optional<String> tenant(Pod pod) {
        return pod.getSpec().getContainers().stream().flatMap(c -> c.getEnv().stream())
                .filter(e -> "AZURE_TENANT_ID".equals(e.getName()) && e.getValue() != null)
                .map(EnvVar::getValue).findFirst();
    }

    private static String serviceAccountToken(VerifyWorkload step, StepContext context) {
        try {
            return context.kube().serviceAccounts().inNamespace(step.target().namespace())
                    .withName(step.desired().serviceAccount()).tokenRequest(new TokenRequestBuilder().withNewSpec()
                            .withAudiences(CreateFederatedCredential.AUDIENCE).withExpirationSeconds(TOKEN_SECONDS)
                            .endSpec().build()).getStatus().getToken();
        } catch (KubernetesClientException e) {
            throw new StepFailedException(step.target().display() + ": cannot get a token for " + subject(step)
                    + " (TokenRequest): " + KubeErrors.message(e, context.kube()), e);
        }
    }

    private static String subject(VerifyWorkload step) {
        return "system:serviceaccount:" + step.target().namespace() + ":" + step.desired().serviceAccount();
    }
}
