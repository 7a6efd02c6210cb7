package io.wimigrate.scanner.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.wimigrate.scanner.ClusterAccessException;
import io.wimigrate.scanner.DaemonThreads;
import io.wimigrate.scanner.Progress;
import io.wimigrate.scanner.model.Diagnostic;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a live cluster into a {@link ClusterSnapshot} with one paginated LIST per kind (and namespace, when filtered),
 * never a GET per object. A kind the credentials may not list becomes an error {@link Diagnostic} and the rest goes on;
 * an API server that cannot be reached at all is a {@link ClusterAccessException}.
 */
public final class LiveClusterReader {

    static final long PAGE_SIZE = 500;
    static final int CONCURRENT_LISTS = 4;
    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    static final String MIC_CONFIG_MAP = "aad-pod-identity-config";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String context;
    private final Set<String> namespaces;
    private final boolean readSecrets;
    private final Progress progress;
    private final List<HasMetadata> objects = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** {@code namespaces} limits namespaced kinds; empty means all namespaces. */
    public LiveClusterReader(KubernetesClient client, String context, Set<String> namespaces, boolean readSecrets,
                             Progress progress) {
        this.client = client;
        this.context = context;
        this.namespaces = new TreeSet<>(namespaces);
        this.readSecrets = readSecrets;
        this.progress = progress;
    }

    public ClusterSnapshot read() {
        objects.clear();
        diagnostics.clear();
        String kubeSystemUid = kubeSystemUid();
        String issuer = issuer();
        List<Kind> kinds = new ArrayList<>(List.of(
                Kind.namespaced("pods", "", (ns, o) -> ns == null
                        ? client.resources(Pod.class).inAnyNamespace().list(o)
                        : client.resources(Pod.class).inNamespace(ns).list(o)),
                typed("deployments", "apps", Deployment.class),
                typed("statefulsets", "apps", StatefulSet.class),
                typed("daemonsets", "apps", DaemonSet.class),
                typed("replicasets", "apps", ReplicaSet.class),
                typed("jobs", "batch", Job.class),
                typed("cronjobs", "batch", CronJob.class),
                typed("serviceaccounts", "", ServiceAccount.class),
                Kind.namespaced("configmaps", "", (ns, o) -> ns == null
                        ? client.configMaps().inAnyNamespace().withField("metadata.name", MIC_CONFIG_MAP).list(o)
                        : client.configMaps().inNamespace(ns).withField("metadata.name", MIC_CONFIG_MAP).list(o)),
                clusterScoped("clusterroles", "rbac.authorization.k8s.io", ClusterRole.class),
                clusterScoped("clusterrolebindings", "rbac.authorization.k8s.io", ClusterRoleBinding.class),
                clusterScoped("mutatingwebhookconfigurations", "admissionregistration.k8s.io",
                        MutatingWebhookConfiguration.class),
                clusterScoped("customresourcedefinitions", "apiextensions.k8s.io", CustomResourceDefinition.class)));
        for (String[] crd : new String[][] {{"azureidentities", "AzureIdentity"},
                {"azureidentitybindings", "AzureIdentityBinding"},
                {"azurepodidentityexceptions", "AzurePodIdentityException"},
                {"azureassignedidentities", "AzureAssignedIdentity"}}) {
            kinds.add(podIdentityKind(crd[0], crd[1]));
        }
        List<SecretKeys> secrets = readSecrets ? new ArrayList<>() : null;
        if (readSecrets) {
            kinds.add(secrets(secrets));
        }
        listAll(kinds);
        return new ClusterSnapshot(context, issuer, kubeSystemUid, objects, secrets, diagnostics);
    }

    /**
     * Lists the kinds {@value #CONCURRENT_LISTS} at a time: while the API server encodes one page, the previous one is
     * decoded here. What was listed is kept in the order of {@code kinds}, whatever order the lists finish in.
     */
    private void listAll(List<Kind> kinds) {
        ExecutorService lists = Executors.newFixedThreadPool(CONCURRENT_LISTS, DaemonThreads.named("wimigrate-list"));
        try {
            List<Future<Listed>> listed = new ArrayList<>();
            for (Kind kind : kinds) {
                listed.add(lists.submit(() -> list(kind)));
            }
            for (Future<Listed> result : listed) {
                Listed done = result.get();
                objects.addAll(done.objects());
                diagnostics.addAll(done.diagnostics());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterAccessException("interrupted while listing the cluster of context \"" + context + "\"", e);
        } finally {
            lists.shutdownNow();
        }
    }

    /** What one kind's lists found. */
    private record Listed(List<HasMetadata> objects, List<Diagnostic> diagnostics) {
    }

    /** Also the first request, so it is where an unreachable server shows. */
    private String kubeSystemUid() {
        try {
            Namespace namespace = client.namespaces().withName("kube-system").get();
            return namespace == null ? null : namespace.getMetadata().getUid();
        } catch (KubernetesClientException e) {
            failIfUnreachable(e);
            diagnostics.add(Diagnostic.warning(context, "namespaces",
                    describe(e, "get", "namespaces", "", " \"kube-system\"", "the cluster's identity (kube-system uid)"
                            + " stays unknown, so apply cannot check it targets the same cluster")));
            return null;
        }
    }

    private String issuer() {
        try {
            String document = client.raw(DISCOVERY_PATH);
            if (document == null) {
                return null;
            }
            JsonNode issuer = JSON.readTree(document).get("issuer");
            return issuer == null || !issuer.isTextual() ? null : issuer.asText();
        } catch (KubernetesClientException e) {
            failIfUnreachable(e);
            diagnostics.add(Diagnostic.warning(context, DISCOVERY_PATH, e.getCode() == 403
                    ? "forbidden: cannot get " + DISCOVERY_PATH + " (non-resource URL) — bind"
                    + " system:service-account-issuer-discovery to read the OIDC issuer"
                    : "cannot read " + DISCOVERY_PATH + ": HTTP " + e.getCode()));
            return null;
        } catch (IOException e) {
            diagnostics.add(Diagnostic.warning(context, DISCOVERY_PATH,
                    DISCOVERY_PATH + " is not a JSON document: " + e.getClass().getSimpleName()));
            return null;
        }
    }

    /** Secrets, reduced page by page to {@code keys}: values never outlive the page they came in. */
    private Kind secrets(List<SecretKeys> keys) {
        return Kind.namespaced("secrets", "", (ns, o) -> {
            KubernetesResourceList<Secret> page = ns == null
                    ? client.secrets().inAnyNamespace().list(o) : client.secrets().inNamespace(ns).list(o);
            page.getItems().forEach(s -> keys.add(keysOf(s)));
            page.getItems().clear();
            return page;
        });
    }

    private static SecretKeys keysOf(Secret secret) {
        Map<String, Integer> lengths = new TreeMap<>();
        Meta.orEmpty(secret.getData()).forEach((k, v) -> lengths.put(k, v == null ? 0 : SecretKeys.decodedLength(v)));
        return new SecretKeys(Meta.namespace(secret), Meta.name(secret), new TreeMap<>(lengths));
    }

    private Listed list(Kind kind) {
        List<HasMetadata> found = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        List<String> scopes = kind.namespaced() && !namespaces.isEmpty() ? List.copyOf(namespaces)
                : Collections.singletonList(null);
        for (String namespace : scopes) {
            String task = "list " + kind.resource() + (namespace == null ? "" : " in " + namespace);
            long count = 0;
            String token = null;
            try {
                do {
                    ListOptions options = new ListOptionsBuilder().withLimit(PAGE_SIZE).withContinue(token).build();
                    KubernetesResourceList<? extends HasMetadata> page = kind.lister().list(namespace, options);
                    for (HasMetadata item : page.getItems()) {
                        found.add(kind.complete(item));
                        count++;
                    }
                    report(task, count, -1);
                    token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
                } while (token != null && !token.isEmpty());
                report(task, count, count);
            } catch (KubernetesClientException e) {
                failIfUnreachable(e);
                if (e.getCode() == 404 && kind.optional()) {
                    continue; // the CRD is not installed: no pod identity here, not an error
                }
                String scope = namespace == null
                        ? (kind.namespaced() ? " in all namespaces" : " at cluster scope")
                        : " in namespace \"" + namespace + "\"";
                // A kind this Kubernetes version does not serve cannot hold anything to migrate: only a warning.
                String message = describe(e, "list", kind.resource(), kind.group(), scope, "skipped");
                problems.add(e.getCode() == 404 ? Diagnostic.warning(context, kind.qualified(), message)
                        : Diagnostic.error(context, kind.qualified(), message));
            }
        }
        return new Listed(found, problems);
    }

    private void report(String task, long done, long total) {
        synchronized (progress) {
            progress.update(task, done, total);
        }
    }

    private static String describe(KubernetesClientException e, String verb, String resource, String group,
                                   String scope, String consequence) {
        String groupName = group.isEmpty() ? "core" : group;
        if (e.getCode() == 403) {
            return Forbidden.message(verb, resource, group, scope);
        }
        if (e.getCode() == 404) {
            return resource + " (group " + groupName + ") is not served by this API server; " + consequence;
        }
        return "cannot " + verb + " " + resource + scope + ": HTTP " + e.getCode() + " " + statusMessage(e)
                + "; " + consequence;
    }

    private static String statusMessage(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : "";
    }

    private void failIfUnreachable(KubernetesClientException e) {
        String server = client.getConfiguration().getMasterUrl();
        if (e.getCode() == 401) {
            throw new ClusterAccessException("unauthorized: the API server of context \"" + context + "\" at "
                    + server + " rejected the credentials", e);
        }
        if (e.getCode() > 0) {
            return;
        }
        String reason = "no response";
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                reason = "connection refused";
                break;
            }
            if (cause instanceof IOException && cause.getMessage() != null) {
                reason = cause.getMessage();
            }
        }
        throw new ClusterAccessException("cannot reach the Kubernetes API server of context \"" + context + "\" at "
                + server + ": " + reason, e);
    }

    private <T extends HasMetadata> Kind typed(String resource, String group, Class<T> type) {
        return Kind.namespaced(resource, group, (ns, o) -> ns == null
                ? client.resources(type).inAnyNamespace().list(o)
                : client.resources(type).inNamespace(ns).list(o));
    }

    private <T extends HasMetadata> Kind clusterScoped(String resource, String group, Class<T> type) {
        return new Kind(resource, group, false, false, null, (ns, o) -> client.resources(type).list(o));
    }

    private Kind podIdentityKind(String plural, String kindName) {
        ResourceDefinitionContext definition = new ResourceDefinitionContext.Builder()
                .withGroup(PodIdentityObjects.GROUP).withVersion("v1").withPlural(plural).withKind(kindName)
                .withNamespaced(true).build();
        return new Kind(plural, PodIdentityObjects.GROUP, true, true, kindName, (ns, o) -> ns == null
                ? client.genericKubernetesResources(definition).inAnyNamespace().list(o)
                : client.genericKubernetesResources(definition).inNamespace(ns).list(o));
    }

    @FunctionalInterface
    private interface Lister {
        KubernetesResourceList<? extends HasMetadata> list(String namespace, ListOptions options);
    }

    /** One resource to list. {@code genericKind} is set for custom resources, whose list items may omit their kind. */
    private record Kind(String resource, String group, boolean namespaced, boolean optional, String genericKind,
                        Lister lister) {

        static Kind namespaced(String resource, String group, Lister lister) {
            return new Kind(resource, group, true, false, null, lister);
        }

        String qualified() {
            return group.isEmpty() ? resource : resource + "." + group;
        }

        HasMetadata complete(HasMetadata item) {
            if (genericKind != null && item instanceof GenericKubernetesResource generic) {
                if (generic.getKind() == null) {
                    generic.setKind(genericKind);
                }
                if (generic.getApiVersion() == null) {
                    generic.setApiVersion(group + "/v1");
                }
            }
            return item;
        }
    }
}
