package io.wimigrate.scanner.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.wimigrate.scanner.model.ObjectRef;
import io.wimigrate.scanner.model.WorkloadIdentityWebhook;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** How far the cluster already is on workload identity: the mutating webhook, annotated SAs, labelled pods. */
final class WorkloadIdentityStateDetector {

    static final String PREFIX = "azure.workload.identity/";
    static final String USE_LABEL = PREFIX + "use";
    static final String WEBHOOK_CONFIGURATION = "azure-wi-webhook-mutating-webhook-configuration";

    private WorkloadIdentityStateDetector() {
    }

    static WorkloadIdentityWebhook webhook(List<HasMetadata> objects) {
        MutatingWebhookConfiguration configuration = objects.stream()
                .filter(o -> o instanceof MutatingWebhookConfiguration).map(o -> (MutatingWebhookConfiguration) o)
                .filter(c -> WEBHOOK_CONFIGURATION.equals(Meta.name(c)) || selectsUseLabel(c))
                .min((a, b) -> Meta.ref(a).compareTo(Meta.ref(b)))
                .orElse(null);
        if (configuration == null) {
            return null;
        }
        String namespace = webhooks(configuration).stream()
                .filter(w -> w.getClientConfig() != null && w.getClientConfig().getService() != null)
                .map(w -> w.getClientConfig().getService().getNamespace())
                .filter(Objects::nonNull).findFirst().orElse(null);
        TreeSet<ObjectRef> members = new TreeSet<>();
        members.add(Meta.ref(configuration));
        for (HasMetadata object : objects) {
            boolean inNamespace = namespace != null && namespace.equals(Meta.namespace(object));
            boolean clusterScoped = Meta.namespace(object) == null && Meta.name(object).startsWith("azure-wi-webhook");
            boolean theNamespace = namespace != null && "Namespace".equals(object.getKind())
                    && namespace.equals(Meta.name(object));
            if (inNamespace || clusterScoped || theNamespace) {
                members.add(Meta.ref(object));
            }
        }
        return new WorkloadIdentityWebhook(Meta.ref(configuration), namespace, List.copyOf(members));
    }

    static SortedMap<String, String> annotations(ServiceAccount account) {
        SortedMap<String, String> result = new TreeMap<>();
        Meta.annotations(account).forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                result.put(k, v);
            }
        });
        return result;
    }

    static boolean usesWorkloadIdentity(PodOwner owner) {
        return "true".equals(owner.template().labels().get(USE_LABEL));
    }

    private static boolean selectsUseLabel(MutatingWebhookConfiguration configuration) {
        return webhooks(configuration).stream().map(MutatingWebhook::getObjectSelector).filter(Objects::nonNull)
                .anyMatch(WorkloadIdentityStateDetector::mentionsUseLabel);
    }

    private static boolean mentionsUseLabel(LabelSelector selector) {
        Map<String, String> labels = Meta.orEmpty(selector.getMatchLabels());
        return labels.containsKey(USE_LABEL) || (selector.getMatchExpressions() != null
                && selector.getMatchExpressions().stream().anyMatch(e -> USE_LABEL.equals(e.getKey())));
    }

    private static List<MutatingWebhook> webhooks(MutatingWebhookConfiguration configuration) {
        return configuration.getWebhooks() == null ? List.of() : configuration.getWebhooks();
    }
}
