package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.localcluster.LocalCluster;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.scanner.report.InventoryCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ways a kubeconfig authenticates besides a token in the file: an exec plugin (as kubelogin or the cloud CLIs)
 * printing an ExecCredential with a client certificate or a token, and client certificates given inline. None of
 * the credentials may show in what the CLI prints.
 */
@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class KubeconfigAuthTest {

    @TempDir
    static Path work;

    @Test
    void execPluginWithAClientCertificate(LocalCluster cluster) throws Exception {
        ObjectNode status = InventoryCodec.json().createObjectNode()
                .put("clientCertificateData", adminFile(cluster, "client-certificate"))
                .put("clientKeyData", adminFile(cluster, "client-key"));

        Cli result = scanWith(cluster, execUser(status, "cert"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out() + result.err()).doesNotContain(status.get("clientKeyData").asText().lines()
                .skip(1).findFirst().orElseThrow());
    }

    @Test
    void execPluginWithAServiceAccountToken(LocalCluster cluster, KubernetesClient client) throws Exception {
        client.resource(client.rbac().clusterRoles().load(Cli.PROJECT_ROOT.resolve("deploy/rbac/wimigrate-scan.yaml")
                .toFile()).item()).forceConflicts().serverSideApply();
        ServiceAccountKubeconfig account = ServiceAccountKubeconfig.create(client, cluster, work,
                "wimigrate-exec-plugin", "scanner", "wimigrate-scan");
        ObjectNode status = InventoryCodec.json().createObjectNode().put("token", account.token());

        Cli result = scanWith(cluster, execUser(status, "token"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out() + result.err()).doesNotContain(account.token());
        assertThat(InventoryCodec.json().readTree(result.out()).at("/clusters/0/kubeSystemUid").asText())
                .isNotBlank();
    }

    @Test
    void inlineClientCertificateData(LocalCluster cluster) throws Exception {
        String user = """
                {client-certificate-data: "%s", client-key-data: "%s"}""".formatted(
                base64(adminFile(cluster, "client-certificate")), base64(adminFile(cluster, "client-key")));

        Cli result = scanWith(cluster, user);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out() + result.err()).doesNotContain(base64(adminFile(cluster, "client-key")));
    }

    private static Cli scanWith(LocalCluster cluster, String user) throws Exception {
        Path kubeconfig = work.resolve("kubeconfig-" + Math.abs(user.hashCode()));
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: local, cluster: {server: "%s", certificate-authority: "%s"}}]
                contexts: [{name: plugin, context: {cluster: local, user: plugin}}]
                users: [{name: plugin, user: %s}]
                current-context: plugin
                """.formatted(cluster.serverUrl(), cluster.caCertificate(), user));
        return Cli.inProject("scan", "--kubeconfig", kubeconfig.toString(), "-n", "kube-system", "-o", "json");
    }

    /** A kubeconfig user running a script that prints an ExecCredential with {@code status}. */
    private static String execUser(ObjectNode status, String name) throws Exception {
        ObjectNode credential = InventoryCodec.json().createObjectNode()
                .put("apiVersion", "client.authentication.k8s.io/v1").put("kind", "ExecCredential");
        credential.set("status", status);
        Path json = Files.writeString(work.resolve(name + "-credential.json"), credential.toString());
        Path script = work.resolve(name + "-plugin.sh");
        Files.writeString(script, "#!/bin/sh\ncat '" + json + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return """
                {exec: {apiVersion: client.authentication.k8s.io/v1, command: "%s", interactiveMode: Never}}"""
                .formatted(script);
    }

    /** The PEM text of a file the local cluster's admin kubeconfig names. */
    private static String adminFile(LocalCluster cluster, String field) throws Exception {
        Matcher path = Pattern.compile(field + ": (\\S+)").matcher(Files.readString(cluster.kubeconfig()));
        assertThat(path.find()).as(field).isTrue();
        return Files.readString(Path.of(path.group(1)));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
