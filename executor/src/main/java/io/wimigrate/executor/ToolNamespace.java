package io.wimigrate.executor;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/** The namespace of the tool's own objects: the apply lease and the journal. */
public final class ToolNamespace {

    public static final String NAME = "wimigrate-system";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private ToolNamespace() {
    }

    /** Creates {@code namespace} when missing; another operator creating it at the same moment is fine. */
    public static void ensure(KubernetesClient client, String namespace) {
        if (client.namespaces().withName(namespace).get() != null) {
            return;
        }
        try {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .addToLabels(MANAGED_BY, "wimigrate").endMetadata().build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }
}
