package io.wimigrate.executor.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.Applied;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.RemovePodIdentityInstall;
import io.wimigrate.planner.model.Target;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Helm-installed AAD Pod Identity, removed and reinstalled. The CRD is a copy in a group of this test's own, so the
 * shared {@code aadpodidentity.k8s.io} CRDs other tests use stay in place.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class PodIdentityRemovalTest {

    private static final String RELEASE = "aad-pod-identity";
    private static final String VALUE = "fixture-mic-credential";

    private final PodIdentityRemoval handler = new PodIdentityRemoval();

    @Test
    void removesTheInstallationAndItsCrdsAndRevertReinstallsEverything(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "podid-install");
        String group = fx.namespace + ".wimigrate.test";
        String crd = "azurepodidentityexceptions." + group;
        String clusterRole = fx.namespace + "-mic";
        Fixture install = install(fx, group, crd, clusterRole);
        RemovePodIdentityInstall step = new RemovePodIdentityInstall(new Target(KubeFixtures.CLUSTER, null,
                Target.POD_IDENTITY_INSTALL, fx.namespace, RELEASE), new RemovePodIdentityInstall.Desired(
                "helm-uninstall", RELEASE, List.of("ClusterRole/" + clusterRole,
                "ClusterRoleBinding/" + clusterRole, "CustomResourceDefinition/" + crd,
                "DaemonSet/" + fx.namespace + "/" + RELEASE + "-nmi",
                "Deployment/" + fx.namespace + "/" + RELEASE + "-mic",
                "Secret/" + fx.namespace + "/" + RELEASE + "-mic",
                "ServiceAccount/" + fx.namespace + "/" + RELEASE + "-mic"), "absent"), "test");
        Map<Target, ObjectNode> before = install.snapshot(fx);

        assertThat(handler.apply(step, handler.observe(step, fx.dryRun()), fx.dryRun()).changed()).isTrue();
        assertThat(install.snapshot(fx)).isEqualTo(before);

        ObjectNode prior = handler.observe(step, fx.context());
        Applied applied = handler.apply(step, prior, fx.context());

        assertThat(applied.changed()).isTrue();
        install.targets.forEach(target -> assertThat(fx.read(target)).as(target.display()).isNull());
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName(crd).get()).isNull();
        assertThat(client.secrets().inNamespace(fx.namespace).withLabel(SecretBackups.BACKUP_LABEL).list()
                .getItems()).hasSize(2);
        assertThat(prior.toString()).doesNotContain(Base64.getEncoder().encodeToString(VALUE.getBytes()));
        assertThat(prior.path("objects").findValuesAsText("kind")).contains("AzurePodIdentityException",
                "CustomResourceDefinition", "DaemonSet", "Deployment");
        assertThat(handler.apply(step, prior, fx.context()).changed()).isFalse();

        handler.revert(step, prior, fx.context());

        assertThat(install.snapshot(fx)).isEqualTo(before);
        assertThat(client.secrets().inNamespace(fx.namespace).withLabel(SecretBackups.BACKUP_LABEL).list()
                .getItems()).isEmpty();
        Secret release = client.secrets().inNamespace(fx.namespace).withName("sh.helm.release.v1." + RELEASE + ".v1")
                .get();
        assertThat(release.getType()).isEqualTo("helm.sh/release.v1");
        assertThat(release.getMetadata().getLabels()).containsEntry("owner", "helm");
        handler.revert(step, prior, fx.context());
        assertThat(install.snapshot(fx)).isEqualTo(before);
    }

    /** The objects of the installation, and the form to compare them in. */
    private record Fixture(List<Target> targets) {
        Map<Target, ObjectNode> snapshot(KubeFixtures fx) {
            Map<Target, ObjectNode> objects = new java.util.HashMap<>();
            targets.forEach(target -> objects.put(target, fx.read(target) == null ? null : fx.recreatable(target)));
            return objects;
        }
    }

    private static Fixture install(KubeFixtures fx, String group, String crdName, String clusterRole) {
        KubernetesClient client = fx.client;
        String ns = fx.namespace;
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(crdName).endMetadata()
                .withNewSpec().withGroup(group).withScope("Namespaced")
                .withNewNames().withKind("AzurePodIdentityException").withPlural("azurepodidentityexceptions")
                .withSingular("azurepodidentityexception").withListKind("AzurePodIdentityExceptionList").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).withNewSchema()
                .withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build()).create();
        client.apiextensions().v1().customResourceDefinitions().withName(crdName).waitUntilCondition(c -> c != null
                && c.getStatus() != null && c.getStatus().getConditions().stream().anyMatch(s -> "Established"
                .equals(s.getType()) && "True".equals(s.getStatus())), 30, TimeUnit.SECONDS);
        GenericKubernetesResource exception = client.getKubernetesSerialization().unmarshal("{\"apiVersion\":\""
                + group + "/v1\",\"kind\":\"AzurePodIdentityException\",\"metadata\":{\"name\":\"mic-exception\","
                + "\"namespace\":\"" + ns + "\"},\"spec\":{\"podLabels\":{\"app\":\"mic\"}}}",
                GenericKubernetesResource.class);
        client.genericKubernetesResources(group + "/v1", "AzurePodIdentityException").inNamespace(ns)
                .resource(exception).create();
        Target nmi = fx.daemonSet(RELEASE + "-nmi");
        Target mic = fx.deployment(RELEASE + "-mic", Map.of());
        client.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder().withNewMetadata()
                .withName(RELEASE + "-mic").endMetadata().build()).create();
        client.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(clusterRole)
                .endMetadata().addNewRule().withApiGroups(group).withResources("*").withVerbs("get").endRule()
                .build()).create();
        client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
                .withName(clusterRole).endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole").withName(clusterRole).endRoleRef().addNewSubject().withKind("ServiceAccount")
                .withName(RELEASE + "-mic").withNamespace(ns).endSubject().build()).create();
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(RELEASE + "-mic")
                .endMetadata().addToData("clientSecret", Base64.getEncoder().encodeToString(VALUE.getBytes()))
                .build()).create();
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
                .withName("sh.helm.release.v1." + RELEASE + ".v1").addToLabels("owner", "helm")
                .addToLabels("name", RELEASE).addToLabels("status", "deployed").endMetadata()
                .withType("helm.sh/release.v1").addToData("release", "cmVsZWFzZQ==").build()).create();
        return new Fixture(List.of(nmi, mic,
                fx.target("v1", "ServiceAccount", RELEASE + "-mic"),
                fx.target("v1", "Secret", RELEASE + "-mic"),
                fx.target("v1", "Secret", "sh.helm.release.v1." + RELEASE + ".v1"),
                fx.target(group + "/v1", "AzurePodIdentityException", "mic-exception"),
                new Target(KubeFixtures.CLUSTER, "rbac.authorization.k8s.io/v1", "ClusterRole", null, clusterRole),
                new Target(KubeFixtures.CLUSTER, "rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null,
                        clusterRole),
                new Target(KubeFixtures.CLUSTER, "apiextensions.k8s.io/v1", "CustomResourceDefinition", null,
                        crdName)));
    }
}
