package io.wimigrate.executor.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.azure.emulator.BuiltInRoles;
import io.wimigrate.azure.emulator.ManagedIdentity;
import io.wimigrate.azure.emulator.SeededApplication;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.CopyRoleAssignment;
import io.wimigrate.planner.model.Target;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A service principal known only by the Secret holding its credentials: apply finds its client id in the
 * AZURE_CLIENT_ID of the workloads on the local cluster that read the Secret, then copies its roles.
 */
@Tag("live-cluster")
@ExtendWith({LocalClusterExtension.class, EmulatedAzureExtension.class})
class SecretServicePrincipalLiveTest {

    private static final String NAMESPACE = "exec-azure-sp-" + UUID.randomUUID().toString().substring(0, 8);
    private static EmulatedAzure azure;
    private static KubernetesClient kube;
    private final RoleAssignmentCopy handler = new RoleAssignmentCopy();

    @BeforeAll
    static void start(KubernetesClient client, EmulatedAzure shared) {
        kube = client;
        azure = shared;
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
    }

    @AfterAll
    static void stop() {
        kube.namespaces().withName(NAMESPACE).delete();
    }

    private static void secret(String name, Map<String, String> data) {
        kube.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(name)
                .endMetadata().withStringData(data).build()).create();
    }

    private static void deployment(String name, List<EnvVar> env) {
        kube.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder().withNewMetadata()
                .withName(name).endMetadata().withNewSpec().withReplicas(0).withNewSelector()
                .addToMatchLabels("app", name).endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", name).endMetadata().withNewSpec().addNewContainer().withName("app")
                .withImage("contoso/" + name + ":1").withEnv(env).endContainer().endSpec().endTemplate().endSpec()
                .build()).create();
    }

    private static EnvVar fromSecret(String variable, String secret, String key) {
        return new EnvVarBuilder().withName(variable).withNewValueFrom().withNewSecretKeyRef().withName(secret)
                .withKey(key).endSecretKeyRef().endValueFrom().build();
    }

    private static CopyRoleAssignment copy(String identity, String secret) {
        return new CopyRoleAssignment(Target.identity(azure.emulator.subscriptionId(), EmulatedAzure.RESOURCE_GROUP,
                identity), new CopyRoleAssignment.Desired("Secret/" + NAMESPACE + "/" + secret, null,
                CopyRoleAssignment.ALL, CopyRoleAssignment.ALL), "its client id is not known to the plan");
    }

    private static long rolesOf(ManagedIdentity identity) {
        return azure.emulator.state().roleAssignments().stream()
                .filter(a -> a.principalId().equals(identity.principalId())).count();
    }

    @Test
    void theClientIdComesFromALiteralOrASecretKeyOfTheReadersAndItsRolesAreCopied() {
        SeededApplication literal = azure.emulator.seed().application("notifier-sp");
        azure.emulator.seed().roleAssignment(azure.scope(), BuiltInRoles.READER, literal.servicePrincipal().id());
        SeededApplication keyed = azure.emulator.seed().application("storage-sp");
        azure.emulator.seed().roleAssignment(azure.scope(), BuiltInRoles.STORAGE_BLOB_DATA_READER,
                keyed.servicePrincipal().id());
        secret("notifier-sp", Map.of("clientSecret", "not-a-real-secret"));
        secret("storage-sp", Map.of("clientId", keyed.appId(), "clientSecret", "not-a-real-secret"));
        deployment("notifier", List.of(new EnvVar("AZURE_CLIENT_ID", literal.appId(), null),
                fromSecret("AZURE_CLIENT_SECRET", "notifier-sp", "clientSecret")));
        deployment("storage", List.of(fromSecret("AZURE_CLIENT_ID", "storage-sp", "clientId"),
                fromSecret("AZURE_CLIENT_SECRET", "storage-sp", "clientSecret")));
        ManagedIdentity notifier = azure.emulator.seed().identity(EmulatedAzure.RESOURCE_GROUP, "id-notifier-sp",
                "eastus");
        ManagedIdentity storage = azure.emulator.seed().identity(EmulatedAzure.RESOURCE_GROUP, "id-storage-sp",
                "eastus");

        for (CopyRoleAssignment step : List.of(copy("id-notifier-sp", "notifier-sp"),
                copy("id-storage-sp", "storage-sp"))) {
            var prior = handler.observe(step, azure.context(kube, false));
            assertThat(prior.toString()).doesNotContain("not-a-real-secret");
            handler.apply(step, prior, azure.context(kube, false));
        }

        assertThat(rolesOf(notifier)).isEqualTo(1);
        assertThat(rolesOf(storage)).isEqualTo(1);
        assertThat(String.join("\n", azure.log)).doesNotContain("not-a-real-secret");
    }

    @Test
    void aSecretNoWorkloadNamesAClientIdForIsReported() {
        secret("orphan-sp", Map.of("clientSecret", "not-a-real-secret"));
        azure.emulator.seed().identity(EmulatedAzure.RESOURCE_GROUP, "id-orphan-sp", "eastus");

        assertThatThrownBy(() -> handler.observe(copy("id-orphan-sp", "orphan-sp"), azure.context(kube, false)))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Secret/" + NAMESPACE + "/orphan-sp: no workload that reads it sets"
                        + " AZURE_CLIENT_ID")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-a-real-secret"));
    }
}
