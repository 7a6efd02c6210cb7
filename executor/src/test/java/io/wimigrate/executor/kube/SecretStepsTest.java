package io.wimigrate.executor.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.BackupAndDeleteSecret;
import io.wimigrate.planner.model.RemoveSecretReference;
import io.wimigrate.planner.model.Target;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** RemoveSecretReference and BackupAndDeleteSecret. */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class SecretStepsTest {

    /** Not a real credential: a fixture value, checked never to reach the journal. */
    private static final String VALUE = "fixture-value-0123456789";

    private final SecretReferenceRemoval references = new SecretReferenceRemoval();
    private final SecretBackup backups = new SecretBackup();

    private static RemoveSecretReference remove(Target target, String via, String name, boolean gitops) {
        return new RemoveSecretReference(target, new RemoveSecretReference.Desired("notifier", via, name,
                "notifier-sp", "absent"), gitops, "test");
    }

    private static BackupAndDeleteSecret backup(Target target) {
        return new BackupAndDeleteSecret(target, new BackupAndDeleteSecret.Desired("backup Secret", "absent"),
                false, "test");
    }

    private Target notifier(KubeFixtures fx) {
        fx.client.apps().deployments().inNamespace(fx.namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName("notifier").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "notifier").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "notifier").endMetadata().withNewSpec()
                .addNewContainer().withName("notifier").withImage(KubeFixtures.IMAGE)
                .addNewEnv().withName("AZURE_CLIENT_ID").withValue("ada2e52b-d268-41b9-8820-d042ac1fb2f9").endEnv()
                .addNewEnv().withName("AZURE_CLIENT_SECRET").withNewValueFrom().withNewSecretKeyRef()
                .withName("notifier-sp").withKey("clientSecret").endSecretKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("LOG_LEVEL").withValue("info").endEnv()
                .addNewEnvFrom().withNewSecretRef().withName("notifier-sp").endSecretRef().endEnvFrom()
                .addNewVolumeMount().withName("sp").withMountPath("/etc/sp").endVolumeMount()
                .addNewVolumeMount().withName("config").withMountPath("/etc/config").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("config").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("sp").withNewSecret().withSecretName("notifier-sp").endSecret().endVolume()
                .endSpec().endTemplate().endSpec().build()).create();
        return fx.target("apps/v1", "Deployment", "notifier");
    }

    private static Target secret(KubeFixtures fx, String name) {
        fx.client.secrets().inNamespace(fx.namespace).resource(new SecretBuilder().withNewMetadata().withName(name)
                .addToLabels("app", "notifier").addToAnnotations("owner", "orders")
                // As kubectl apply leaves it: the annotation repeats the Secret's values.
                .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"data\":{\"clientSecret\":\""
                        + Base64.getEncoder().encodeToString(VALUE.getBytes()) + "\"}}").endMetadata()
                .withType("Opaque").addToData("clientSecret", Base64.getEncoder().encodeToString(VALUE.getBytes()))
                .build()).create();
        return fx.target("v1", "Secret", name);
    }

    @Test
    void everyKindOfReferenceIsRemovedOnceAndPutBackWhereItWas(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "secret-ref");
        Target deployment = notifier(fx);
        ObjectNode before = fx.comparable(deployment);
        RemoveSecretReference env = remove(deployment, "env", "AZURE_CLIENT_SECRET", false);
        RemoveSecretReference envFrom = remove(deployment, "envFrom", "notifier-sp", false);
        RemoveSecretReference volume = remove(deployment, "volume", "/etc/sp", false);

        ObjectNode envPrior = references.observe(env, fx.context());
        assertThat(references.apply(env, envPrior, fx.context()).changed()).isTrue();
        ObjectNode envFromPrior = references.observe(envFrom, fx.context());
        assertThat(references.apply(envFrom, envFromPrior, fx.context()).changed()).isTrue();
        ObjectNode volumePrior = references.observe(volume, fx.context());
        assertThat(references.apply(volume, volumePrior, fx.context()).changed()).isTrue();

        ObjectNode spec = (ObjectNode) fx.read(deployment).at("/spec/template/spec");
        assertThat(spec.toString()).doesNotContain("notifier-sp", "AZURE_CLIENT_SECRET", "/etc/sp");
        // The literal client id beside the secret goes with it: it would shadow the one the webhook injects.
        assertThat(spec.at("/containers/0/env").findValuesAsText("name")).containsExactly("LOG_LEVEL");
        assertThat(spec.at("/volumes").findValuesAsText("name")).containsExactly("config");
        StepChecks.reapplyIsNoOp(fx, references, env, envPrior, deployment);
        StepChecks.reapplyIsNoOp(fx, references, volume, volumePrior, deployment);

        references.revert(volume, volumePrior, fx.context());
        references.revert(envFrom, envFromPrior, fx.context());
        references.revert(env, envPrior, fx.context());
        assertThat(fx.comparable(deployment)).isEqualTo(before);
        assertThat(envPrior.toString()).contains("secretKeyRef").doesNotContain(VALUE);
    }

    @Test
    void dryRunAndGitOpsLeaveTheReference(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "secret-ref-dry");
        Target deployment = notifier(fx);

        StepChecks.dryRunChangesNothing(fx, references, remove(deployment, "env", "AZURE_CLIENT_SECRET", false),
                deployment);
        StepChecks.gitOpsNotPatchedLive(fx, references, remove(deployment, "env", "AZURE_CLIENT_SECRET", true),
                deployment);
    }

    @Test
    void aMissingContainerIsNamed(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "secret-ref-missing");
        Target deployment = fx.deployment("api", Map.of());
        RemoveSecretReference env = remove(deployment, "env", "AZURE_CLIENT_SECRET", false);

        assertThatThrownBy(() -> references.observe(env, fx.context())).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Deployment/" + fx.namespace + "/api has no container notifier");
    }

    @Test
    void secretMovesToALabelledBackupAndBackOnRevert(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "secret-backup");
        Target secret = secret(fx, "notifier-sp");
        ObjectNode before = fx.recreatable(secret);

        ObjectNode prior = backups.observe(backup(secret), fx.context());
        Applied applied = backups.apply(backup(secret), prior, fx.context());

        assertThat(applied.changed()).isTrue();
        assertThat(fx.read(secret)).isNull();
        Secret saved = client.secrets().inNamespace(fx.namespace).withName("notifier-sp-wimigrate-backup").get();
        assertThat(saved.getMetadata().getLabels()).containsEntry(SecretBackups.BACKUP_LABEL, "true");
        assertThat(saved.getMetadata().getAnnotations()).containsEntry(SecretBackups.BACKUP_OF, "notifier-sp")
                .containsKey(SecretBackups.BACKED_UP_AT);
        assertThat(new String(Base64.getDecoder().decode(saved.getData().get("clientSecret")))).isEqualTo(VALUE);
        assertThat(saved.getMetadata().getLabels() + " " + saved.getMetadata().getAnnotations())
                .as("the backup's metadata, shown wherever it is listed").doesNotContain(VALUE)
                .doesNotContain(Base64.getEncoder().encodeToString(VALUE.getBytes()));
        assertThat(prior.toString()).doesNotContain(VALUE).doesNotContain(
                Base64.getEncoder().encodeToString(VALUE.getBytes()));
        assertThat(applied.detail()).doesNotContain(VALUE);
        String backupVersion = saved.getMetadata().getResourceVersion();
        Applied again = backups.apply(backup(secret), prior, fx.context());
        assertThat(again.changed()).isFalse();
        assertThat(again.detail()).contains("already moved");
        assertThat(client.secrets().inNamespace(fx.namespace).withName("notifier-sp-wimigrate-backup").get()
                .getMetadata().getResourceVersion()).isEqualTo(backupVersion);

        backups.revert(backup(secret), prior, fx.context());
        assertThat(fx.recreatable(secret)).isEqualTo(before);
        assertThat(client.secrets().inNamespace(fx.namespace).withName("notifier-sp-wimigrate-backup").get())
                .isNull();
        StepChecks.revertAgainIsNoOp(fx, backups, backup(secret), prior, secret);
    }

    @Test
    void aMoveInterruptedAfterTheBackupIsCompletedAndDryRunMovesNothing(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "secret-backup-half");
        Target secret = secret(fx, "notifier-sp");
        ObjectNode prior = backups.observe(backup(secret), fx.context());

        assertThat(backups.apply(backup(secret), prior, fx.dryRun()).changed()).isTrue();
        assertThat(fx.read(secret)).isNotNull();
        assertThat(client.secrets().inNamespace(fx.namespace).withName("notifier-sp-wimigrate-backup").get())
                .isNull();

        SecretBackups.move(fx.context(), KubeObject.of(secret));
        backups.revert(backup(secret), prior, fx.context());
        fx.patch(secret, "{\"data\":{\"clientSecret\":\"" + Base64.getEncoder().encodeToString("rotated".getBytes())
                + "\"}}");
        fx.client.secrets().inNamespace(fx.namespace).resource(new SecretBuilder().withNewMetadata()
                .withName("notifier-sp-wimigrate-backup").endMetadata().addToData("clientSecret", "c3RhbGU=")
                .build()).create();

        assertThat(backups.apply(backup(secret), prior, fx.context()).changed()).isTrue();

        Secret saved = client.secrets().inNamespace(fx.namespace).withName("notifier-sp-wimigrate-backup").get();
        assertThat(new String(Base64.getDecoder().decode(saved.getData().get("clientSecret")))).isEqualTo("rotated");
        assertThat(fx.read(secret)).isNull();
    }
}
