package io.wimigrate.executor.verify;

import io.fabric8.kubernetes.client.Config;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust for reading a cluster's OIDC issuer anonymously: the JDK's CAs (a managed cluster's issuer is public)
 * plus the cluster's own CA from the kubeconfig (a self-hosted issuer served by the API server). No client
 * credential is ever attached: Entra ID reads the issuer anonymously too.
 */
final class IssuerTrust {

    private IssuerTrust() {
    }

    static SSLContext forCluster(Config config) {
        try {
            List<X509TrustManager> managers = new ArrayList<>();
            managers.add(managerFor(null));
            clusterCa(config).ifPresent(store -> managers.add(managerFor(store)));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyOf(managers)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS trust for the OIDC issuer", e);
        }
    }

    private static Optional<KeyStore> clusterCa(Config config) throws GeneralSecurityException {
        byte[] pem;
        try {
            if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
                pem = Base64.getDecoder().decode(config.getCaCertData().trim());
            } else if (config.getCaCertFile() != null) {
                pem = Files.readAllBytes(Path.of(config.getCaCertFile()));
            } else {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new ByteArrayInputStream(pem)) {
            store.load(null, null);
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("cluster-ca-" + i++, certificate);
            }
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot read the cluster CA", e);
        }
        return Optional.of(store);
    }

    private static X509TrustManager managerFor(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trusts a server that any of its managers trusts. */
    private record AnyOf(List<X509TrustManager> managers) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("no client is trusted here");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            CertificateException last = null;
            for (X509TrustManager manager : managers) {
                try {
                    manager.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException e) {
                    last = e;
                }
            }
            throw last;
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return managers.stream().flatMap(m -> Arrays.stream(m.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }
}
