package io.wimigrate.azure.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackTlsTest {
    @Test
    void theTrustStoreHoldsOnlyTheLoopbackCertificate(@TempDir Path dir) throws Exception {
        LoopbackTls tls = LoopbackTls.generate(dir);

        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.trustStoreFile())) {
            trustStore.load(in, tls.trustStorePassword().toCharArray());
        }
        List<String> aliases = Collections.list(trustStore.aliases());
        assertThat(aliases).hasSize(1);
        assertThat(trustStore.isCertificateEntry(aliases.get(0))).isTrue();
        X509Certificate certificate = (X509Certificate) trustStore.getCertificate(aliases.get(0));
        assertThat(certificate).isEqualTo(tls.certificate());
        assertThat(certificate.getSubjectAlternativeNames())
                .anySatisfy(san -> assertThat(List.<Object>copyOf(san)).containsExactly(7, "127.0.0.1"));
    }

    @Test
    void onlyLoopbackHttpsUrlsCount() {
        assertThat(Loopback.isLoopbackHttps(java.net.URI.create("https://127.0.0.1:6443"))).isTrue();
        assertThat(Loopback.isLoopbackHttps(java.net.URI.create("https://localhost:6443/x"))).isTrue();
        assertThat(Loopback.isLoopbackHttps(java.net.URI.create("https://[::1]:6443"))).isTrue();
        assertThat(Loopback.isLoopbackHttps(java.net.URI.create("http://127.0.0.1:6443"))).isFalse();
        assertThat(Loopback.isLoopbackHttps(java.net.URI.create("https://10.0.0.1"))).isFalse();
        assertThat(Loopback.isLoopbackHttps(java.net.URI.create("https://oidc.prod-aks.azure.com/x"))).isFalse();
    }
}
