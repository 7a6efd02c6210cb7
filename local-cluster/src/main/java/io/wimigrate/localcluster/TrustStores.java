package io.wimigrate.localcluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS trust built from one PEM certificate, for clients of the local cluster (and of nothing else). */
public final class TrustStores {

    private TrustStores() {
    }

    /** A key store holding only {@code pemCertificate} as a trusted entry. */
    public static KeyStore trusting(Path pemCertificate) {
        try (InputStream in = Files.newInputStream(pemCertificate)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("local", CertificateFactory.getInstance("X.509").generateCertificate(in));
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read certificate " + pemCertificate, e);
        }
    }

    /** An SSLContext that trusts exactly {@code pemCertificate}: never a trust-all context. */
    public static SSLContext sslContextFor(Path pemCertificate) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusting(pemCertificate));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
