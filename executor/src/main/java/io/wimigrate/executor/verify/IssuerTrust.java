package io.wimigrate.executor.verify;

import io.fabric8.kubernetes.client.Config;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS trust for reading a cluster's OIDC issuer anonymously: the JDK's CAs (a managed cluster's issuer is public)
 * plus the cluster's own CA from the kubeconfig (a self-hosted issuer served by the API server), in one trust store
 * checked by the JDK's own trust manager. No client credential is ever attached: Entra ID reads the issuer
 * anonymously too.
 */
final class IssuerTrust {

    private IssuerTrust() {
    }

    static SSLContext forCluster(Config config) {
        try {
            KeyStore anchors = jdkAnchors();
            int i = 0;
            for (Certificate certificate : clusterCa(config)) {
                anchors.setCertificateEntry("wimigrate-cluster-ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trust for the OIDC issuer", e);
        }
    }

    /** The trust store the JDK uses by default: javax.net.ssl.trustStore, else jssecacerts, else cacerts. */
    private static KeyStore jdkAnchors() throws GeneralSecurityException, IOException {
        String configured = System.getProperty("javax.net.ssl.trustStore");
        Path security = Path.of(System.getProperty("java.home"), "lib", "security");
        Path file = configured != null ? Path.of(configured)
                : Files.exists(security.resolve("jssecacerts")) ? security.resolve("jssecacerts")
                : security.resolve("cacerts");
        String password = System.getProperty("javax.net.ssl.trustStorePassword");
        return KeyStore.getInstance(file.toFile(), password == null ? null : password.toCharArray());
    }

    private static Iterable<? extends Certificate> clusterCa(Config config) throws GeneralSecurityException,
            IOException {
        byte[] pem;
        if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
            pem = Base64.getDecoder().decode(config.getCaCertData().trim());
        } else if (config.getCaCertFile() != null) {
            pem = Files.readAllBytes(Path.of(config.getCaCertFile()));
        } else {
            return java.util.List.of();
        }
        try (InputStream in = new ByteArrayInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }
}
