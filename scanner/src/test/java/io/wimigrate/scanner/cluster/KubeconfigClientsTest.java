package io.wimigrate.scanner.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.ClusterAccessException;
import io.wimigrate.scanner.Progress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigClientsTest {

    private static final String TOKEN = "not-a-real-token-0123456789";

    @TempDir
    Path dir;

    private Path kubeconfig(int port) throws IOException {
        Path file = dir.resolve("config");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                current-context: dev
                clusters:
                - name: local
                  cluster: {server: "https://127.0.0.1:%d"}
                users:
                - name: scanner
                  user: {token: %s}
                contexts:
                - name: dev
                  context: {cluster: local, user: scanner}
                - name: audit
                  context: {cluster: local, user: scanner, namespace: audit}
                """.formatted(port, TOKEN));
        return file;
    }

    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aContextThatSkipsTlsVerificationIsRefused() throws IOException {
        Path file = kubeconfig(6443);
        Files.writeString(file, Files.readString(file).replace("cluster: {server:",
                "cluster: {insecure-skip-tls-verify: true, server:"));

        assertThatThrownBy(() -> KubeconfigClients.of(file).client("dev")).isInstanceOf(BadInputException.class)
                .hasMessage("kubeconfig [" + file + "]: context \"dev\" sets insecure-skip-tls-verify; migrate never"
                        + " turns TLS verification off: give the cluster's certificate-authority (or"
                        + " certificate-authority-data) instead");
    }

    @Test
    void listsContextsAndTheCurrentOne() throws IOException {
        KubeconfigClients clients = KubeconfigClients.of(kubeconfig(6443));

        assertThat(clients.contexts()).containsExactly("audit", "dev");
        assertThat(clients.currentContext()).isEqualTo("dev");
    }

    @Test
    void unknownContextIsBadInput() throws IOException {
        KubeconfigClients clients = KubeconfigClients.of(kubeconfig(6443));

        assertThatThrownBy(() -> clients.client("prod")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("\"prod\"").hasMessageContaining("audit, dev")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void missingKubeconfigIsBadInput() {
        assertThatThrownBy(() -> KubeconfigClients.of(dir.resolve("absent")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("absent");
    }

    @Test
    void clientsKeepTlsVerificationAndBoundedRetries() throws IOException {
        try (KubernetesClient client = KubeconfigClients.of(kubeconfig(6443)).client(null)) {
            assertThat(client.getConfiguration().isTrustCerts()).isFalse();
            assertThat(client.getConfiguration().getRequestRetryBackoffLimit()).isEqualTo(KubeconfigClients.RETRIES);
            assertThat(client.getConfiguration().getMasterUrl()).startsWith("https://127.0.0.1:6443");
        }
    }

    @Test
    void closedPortIsAClusterAccessExceptionNamingContextAndServer() throws IOException {
        int port = closedLoopbackPort();

        try (KubernetesClient client = KubeconfigClients.of(kubeconfig(port)).client("dev")) {
            assertThatThrownBy(() -> new ClusterScanner().scanLive(client, "dev", Set.of(), false, Progress.NONE))
                    .isInstanceOf(ClusterAccessException.class)
                    .hasMessageContaining("context \"dev\"")
                    .hasMessageContaining("https://127.0.0.1:" + port)
                    .hasMessageContaining("connection refused")
                    .hasMessageNotContaining(TOKEN);
        }
    }
}
