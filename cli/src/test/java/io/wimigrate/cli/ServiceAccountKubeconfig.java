package io.wimigrate.cli;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.localcluster.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A ServiceAccount bound to given ClusterRoles (and nothing else) and a kubeconfig that authenticates as it with a
 * TokenRequest token, as a person or CI job with only those permissions would run {@code migrate}.
 */
record ServiceAccountKubeconfig(String namespace, String name, String token, Path file) {

    /** The context name of the written kubeconfig: the same as the local cluster's, so inventories compare equal. */
    static final String CONTEXT = "wimigrate-local";

    static ServiceAccountKubeconfig create(KubernetesClient admin, LocalCluster cluster, Path directory,
                                           String namespace, String name, String... clusterRoles) throws IOException {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).serverSideApply();
        admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName(name).endMetadata().build()).serverSideApply();
        for (String role : clusterRoles) {
            bind(admin, namespace, name, role);
        }
        String token = admin.serviceAccounts().inNamespace(namespace).withName(name)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        Path file = directory.resolve(namespace + "-" + name + "-kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters: [{name: local, cluster: {server: "%s", certificate-authority: "%s"}}]
                contexts: [{name: %s, context: {cluster: local, user: %s}}]
                users: [{name: %s, user: {token: "%s"}}]
                current-context: %s
                """.formatted(cluster.serverUrl(), cluster.caCertificate(), CONTEXT, name, name, token, CONTEXT));
        return new ServiceAccountKubeconfig(namespace, name, token, file);
    }

    /** Binds the ServiceAccount to {@code clusterRole} with a ClusterRoleBinding named after both. */
    static void bind(KubernetesClient admin, String namespace, String name, String clusterRole) {
        admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder()
                .withNewMetadata().withName(namespace + "-" + name + "-" + clusterRole).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
                .withName(clusterRole).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(namespace).endSubject()
                .build()).serverSideApply();
    }

    /**
     * Waits until the API server's authorizer decides {@code verb} on {@code resource} ({@code group}, optionally in
     * {@code namespace} and of name {@code name}) as {@code allowed} for this ServiceAccount: RBAC changes reach it
     * through a watch.
     */
    void awaitAccess(KubernetesClient admin, String verb, String group, String resource, String namespace,
                     String name, boolean allowed) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String[] parts = resource.split("/");
        while (true) {
            SubjectAccessReview review = admin.authorization().v1().subjectAccessReview().create(
                    new SubjectAccessReviewBuilder().withNewSpec().withUser(user())
                            .addToGroups("system:serviceaccounts", "system:serviceaccounts:" + namespace(),
                                    "system:authenticated")
                            .withNewResourceAttributes().withVerb(verb).withGroup(group).withResource(parts[0])
                            .withSubresource(parts.length > 1 ? parts[1] : null).withNamespace(namespace)
                            .withName(name).endResourceAttributes().endSpec().build());
            if (review.getStatus().getAllowed() == allowed) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(user() + " " + verb + " " + resource + ": still allowed=" + !allowed);
            }
            Thread.sleep(100);
        }
    }

    /** The user name the API server sees. */
    String user() {
        return "system:serviceaccount:" + namespace + ":" + name;
    }

    String path() {
        return file.toString();
    }
}
