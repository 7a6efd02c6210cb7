package io.wimigrate.scanner.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/** The API server's RBAC messages (as kube-apiserver words them) become what to grant. */
class ForbiddenTest {

    @Test
    void aNamespacedDenialNamesVerbResourceGroupObjectAndNamespace() {
        KubernetesClientException e = denied("deployments.apps \"api\" is forbidden: User"
                + " \"system:serviceaccount:ops:operator\" cannot patch resource \"deployments\" in API group"
                + " \"apps\" in the namespace \"orders\"", "api");

        assertThat(Forbidden.describe(e)).contains("forbidden: cannot patch deployments \"api\" in namespace"
                + " \"orders\" (verb patch, resource deployments, group apps) — grant patch on deployments.apps");
        assertThat(Forbidden.orHttpStatus(e)).isEqualTo(Forbidden.describe(e).get());
    }

    @Test
    void subresourcesCoreGroupAndClusterScopeAreNamedAsTheServerNamesThem() {
        assertThat(Forbidden.describe(denied("User \"u\" cannot create resource \"serviceaccounts/token\" in API"
                + " group \"\" in the namespace \"orders\"", "api")))
                .contains("forbidden: cannot create serviceaccounts/token \"api\" in namespace \"orders\" (verb"
                        + " create, resource serviceaccounts/token, group core) — grant create on"
                        + " serviceaccounts/token");
        assertThat(Forbidden.describe(denied("User \"u\" cannot delete resource \"customresourcedefinitions\" in"
                + " API group \"apiextensions.k8s.io\" at the cluster scope", null)))
                .contains("forbidden: cannot delete customresourcedefinitions (verb delete, resource"
                        + " customresourcedefinitions, group apiextensions.k8s.io) — grant delete on"
                        + " customresourcedefinitions.apiextensions.k8s.io");
        assertThat(Forbidden.describe(denied("forbidden: User \"u\" cannot get path \"/openid/v1/jwks\"", null)))
                .contains("forbidden: cannot get /openid/v1/jwks (non-resource URL) — grant get on nonResourceURLs"
                        + " /openid/v1/jwks");
    }

    @Test
    void otherFailuresAreNoDenial() {
        KubernetesClientException conflict = new KubernetesClientException(new StatusBuilder().withCode(409)
                .withMessage("the object has been modified").build());

        assertThat(Forbidden.describe(conflict)).isEmpty();
        assertThat(Forbidden.orHttpStatus(conflict)).isEqualTo("HTTP 409 the object has been modified");
        assertThat(Forbidden.describe(new KubernetesClientException("no status", 403, null))).isEmpty();
    }

    private static KubernetesClientException denied(String message, String name) {
        Status status = new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(message)
                .withNewDetails().withName(name).endDetails().build();
        return new KubernetesClientException(status);
    }
}
