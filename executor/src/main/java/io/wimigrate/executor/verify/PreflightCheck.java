package io.wimigrate.executor.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.ReadOnlyStepHandler;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.ToolNamespace;
import io.wimigrate.executor.azure.AzureReadiness;
import io.wimigrate.planner.model.CheckPreflight;
import io.wimigrate.planner.model.Target;
import io.wimigrate.scanner.DaemonThreads;
import io.wimigrate.scanner.Futures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Phase 0: what must hold before anything changes. {@code oidc-issuer}: the cluster signs tokens with the planned
 * issuer, whose discovery document and keys can be read anonymously. {@code webhook}: the workload-identity webhook
 * is registered for labelled pods. {@code permissions}: on a cluster, the caller may make apply's changes (access
 * reviews); on a resource group, the caller can read it (ARM shows no write permission without writing).
 * {@code fic-quota}: the identity has room for the planned federated credentials. A failed check names the fix;
 * checks change nothing, also in a dry run, where they run as well.
 */
public final class PreflightCheck implements ReadOnlyStepHandler<CheckPreflight> {

    public static final String WEBHOOK_CONFIGURATION = "azure-wi-webhook-mutating-webhook-configuration";
    static final String USE_LABEL = "azure.workload.identity/use";
    private static final Pattern ROOM = Pattern.compile("room for (\\d+) new");

    /**
     * What apply does in a cluster, as access reviews: verb (the handlers write with create, update and delete, never
     * patch), API group, resource, and the namespace when apply does it in the tool's namespace only (null: in every
     * namespace).
     */
    private static final List<Access> CLUSTER_ACCESS = List.of(
            new Access("create", "", "serviceaccounts", null),
            new Access("update", "", "serviceaccounts", null),
            new Access("create", "", "serviceaccounts/token", null),
            new Access("update", "apps", "deployments", null),
            new Access("update", "apps", "statefulsets", null),
            new Access("update", "apps", "daemonsets", null),
            new Access("update", "batch", "cronjobs", null),
            new Access("create", "", "pods", null),
            new Access("delete", "", "pods", null),
            new Access("create", "", "secrets", null),
            new Access("delete", "", "secrets", null),
            new Access("delete", "aadpodidentity.k8s.io", "azureidentitybindings", null),
            new Access("delete", "aadpodidentity.k8s.io", "azureidentities", null),
            new Access("create", "coordination.k8s.io", "leases", ToolNamespace.NAME));

    private record Access(String verb, String group, String resource, String namespace) {

        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource
                    + (namespace == null ? "" : " in namespace " + namespace);
        }
    }

    @Override
    public Applied apply(CheckPreflight step, ObjectNode prior, StepContext context) {
        String detail = switch (step.desired().check()) {
            case "oidc-issuer" -> oidcIssuer(step, context);
            case "webhook" -> webhook(context);
            case "permissions" -> Target.CLUSTER.equals(step.target().kind()) ? clusterAccess(context)
                    : azureAccess(step, context);
            case "fic-quota" -> federatedCredentialRoom(step, context);
            default -> throw new StepFailedException(step.target().display() + ": unknown preflight check '"
                    + step.desired().check() + "'");
        };
        return Applied.unchanged(detail);
    }

    private static String oidcIssuer(CheckPreflight step, StepContext context) {
        String actual = IssuerDiscovery.clusterIssuer(context.kube());
        String planned = step.desired().expect();
        if (!"enabled".equals(planned) && !planned.equals(actual)) {
            throw new StepFailedException(step.target().display() + " signs tokens with issuer " + actual
                    + ", but the plan federates " + planned + ": the plan was made for another cluster or the"
                    + " issuer changed. Run migrate plan again");
        }
        int keys = IssuerDiscovery.keys(context.kube(), actual);
        return "OIDC issuer " + actual + " serves its discovery document and " + keys + " signing key(s)";
    }

    private static String webhook(StepContext context) {
        MutatingWebhookConfiguration configuration = context.kube().admissionRegistration().v1()
                .mutatingWebhookConfigurations().withName(WEBHOOK_CONFIGURATION).get();
        String install = "Install the workload identity webhook: on AKS az aks update --enable-workload-identity;"
                + " elsewhere the azure-workload-identity Helm chart (workload-identity-webhook)";
        if (configuration == null) {
            throw new StepFailedException("MutatingWebhookConfiguration " + WEBHOOK_CONFIGURATION + " does not"
                    + " exist: new pods would get no token volume and no AZURE_* environment. " + install);
        }
        boolean servesPods = configuration.getWebhooks().stream().anyMatch(PreflightCheck::mutatesLabelledPods);
        if (!servesPods) {
            throw new StepFailedException("MutatingWebhookConfiguration " + WEBHOOK_CONFIGURATION + " has no"
                    + " webhook for CREATE of pods labelled " + USE_LABEL + "=true. " + install);
        }
        return "MutatingWebhookConfiguration " + WEBHOOK_CONFIGURATION + " mutates pods labelled " + USE_LABEL
                + "=true";
    }

    private static boolean mutatesLabelledPods(MutatingWebhook webhook) {
        Map<String, String> labels = webhook.getObjectSelector() == null ? Map.of()
                : webhook.getObjectSelector().getMatchLabels();
        boolean selectsLabel = labels == null || labels.isEmpty() || "true".equals(labels.get(USE_LABEL));
        return selectsLabel && webhook.getRules().stream().anyMatch(rule -> rule.getResources().contains("pods")
                && (rule.getOperations().contains("CREATE") || rule.getOperations().contains("*")));
    }

    /** The access reviews at once: one after the other they were the slowest check of phase 0. */
    private static String clusterAccess(StepContext context) {
        ExecutorService reviews = Executors.newFixedThreadPool(CLUSTER_ACCESS.size(),
                DaemonThreads.named("wimigrate-access-review"));
        List<String> denied;
        try {
            List<CompletableFuture<Boolean>> allowed = CLUSTER_ACCESS.stream().map(access -> CompletableFuture
                    .supplyAsync(() -> allowed(context, access), reviews)).toList();
            denied = IntStream.range(0, CLUSTER_ACCESS.size()).filter(i -> !joined(allowed.get(i)))
                    .mapToObj(i -> CLUSTER_ACCESS.get(i).toString()).toList();
        } finally {
            reviews.shutdown();
        }
        if (!denied.isEmpty()) {
            throw new StepFailedException("the caller may not " + String.join(", ", denied) + " (in every namespace"
                    + " unless one is named); apply needs them. Bind the roles of deploy/rbac/wimigrate-apply.yaml, or"
                    + " run it as a cluster admin (kubectl auth can-i shows the same)");
        }
        return "the caller may make every change apply makes (" + CLUSTER_ACCESS.size() + " access reviews)";
    }

    /** The review's answer, or the failure that kept it from one. */
    private static boolean joined(CompletableFuture<Boolean> review) {
        return Futures.join(review);
    }

    private static boolean allowed(StepContext context, Access access) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withNewResourceAttributes().withVerb(access.verb()).withGroup(access.group())
                .withResource(access.resource().split("/")[0])
                .withSubresource(access.resource().contains("/") ? access.resource().split("/")[1] : null)
                .withNamespace(access.namespace())
                .endResourceAttributes().endSpec().build();
        return Boolean.TRUE.equals(context.kube().authorization().v1().selfSubjectAccessReview().create(review)
                .getStatus().getAllowed());
    }

    private static String azureAccess(CheckPreflight step, StepContext context) {
        String[] scope = step.target().scope().split("/");
        int identities = AzureReadiness.identitiesIn(context, scope[2], scope[4]);
        return "resource group " + scope[4] + " is readable (" + identities + " identities); write access shows"
                + " at apply: " + step.desired().expect();
    }

    private static String federatedCredentialRoom(CheckPreflight step, StepContext context) {
        Matcher room = ROOM.matcher(step.desired().expect());
        int planned = room.find() ? Integer.parseInt(room.group(1)) : 1;
        int existing = AzureReadiness.federatedCredentialCount(context, step.target());
        int limit = AzureReadiness.federatedCredentialLimit();
        if (existing + planned > limit) {
            throw new StepFailedException(step.target().display() + " holds " + existing + " federated credentials;"
                    + " " + planned + " more would pass Azure's limit of " + limit + " per identity. Delete"
                    + " credentials no longer used, or split the identity and run migrate plan again");
        }
        return step.target().name() + " holds " + existing + " federated credentials; room for " + planned
                + " more (limit " + limit + ")";
    }
}
