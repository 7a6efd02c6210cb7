package io.wimigrate.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The guard every test JVM runs under (auto-detected): loopback passes, anything else is refused and recorded. */
class LoopbackGuardTest {

    @AfterEach
    void nothingLeftRecorded() {
        assertThat(LoopbackGuard.drainRefusals()).isEmpty();
    }

    @Test
    void isInstalledForEveryTestClass() {
        assertThat(System.getSecurityManager()).isNotNull();
        assertThat(System.getSecurityManager().getClass().getName()).startsWith(LoopbackGuard.class.getName());
    }

    @Test
    void loopbackConnectionsPass() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket()) {
            client.connect(new InetSocketAddress("localhost", server.getLocalPort()), 2_000);
            assertThat(client.isConnected()).isTrue();
        }
    }

    @Test
    void aSocketToAnotherAddressIsRefused() {
        // 192.0.2.0/24 is TEST-NET-1: never routed, so nothing leaves even if the guard were missing.
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("192.0.2.10", 443), 2_000))
                .isInstanceOf(SecurityException.class).hasMessageContaining("192.0.2.10:443");
        assertThat(LoopbackGuard.drainRefusals()).containsExactly("connection to 192.0.2.10:443");
    }

    @Test
    void aHostNameLookupIsRefused() {
        assertThatThrownBy(() -> InetAddress.getByName("management.azure.com"))
                .isInstanceOf(SecurityException.class);
        assertThat(LoopbackGuard.drainRefusals()).containsExactly("lookup of management.azure.com");
    }

    @Test
    void aKubernetesClientForARemoteServerFailsEvenWhenItsErrorIsCaught() {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("https://192.0.2.20:6443").withRequestRetryBackoffLimit(0).build()).build()) {
            assertThatThrownBy(() -> client.namespaces().list()).hasRootCauseInstanceOf(SecurityException.class);
        }
        assertThat(LoopbackGuard.drainRefusals()).containsExactly("connection to 192.0.2.20:6443");
    }
}
