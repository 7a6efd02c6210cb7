package io.wimigrate.azure.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 (SAN ip:127.0.0.1), made with the JDK's keytool at start, and the two
 * stores built from it: a PKCS12 key store for the server and a PKCS12 trust store holding only the certificate.
 */
public final class LoopbackTls {
    private static final String ALIAS = "loopback";

    private final Path keyStoreFile;
    private final Path trustStoreFile;
    private final String password;
    private final X509Certificate certificate;

    private LoopbackTls(Path keyStoreFile, Path trustStoreFile, String password, X509Certificate certificate) {
        this.keyStoreFile = keyStoreFile;
        this.trustStoreFile = trustStoreFile;
        this.password = password;
        this.certificate = certificate;
    }

    /** Generates a fresh key pair and certificate into {@code dir} (key.p12 and trust.p12). */
    public static LoopbackTls generate(Path dir) {
        try {
            Files.createDirectories(dir);
            Path keyStoreFile = dir.resolve("key.p12");
            Path trustStoreFile = dir.resolve("trust.p12");
            Files.deleteIfExists(keyStoreFile);
            String password = randomPassword();
            runKeytool(keyStoreFile, password);
            KeyStore keyStore = load(keyStoreFile, password);
            X509Certificate certificate = (X509Certificate) keyStore.getCertificate(ALIAS);
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry(ALIAS, certificate);
            try (OutputStream out = Files.newOutputStream(trustStoreFile)) {
                trustStore.store(out, password.toCharArray());
            }
            return new LoopbackTls(keyStoreFile, trustStoreFile, password, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the loopback TLS material", e);
        }
    }

    /** PKCS12 trust store holding only the certificate; for {@code -Djavax.net.ssl.trustStore}. */
    public Path trustStoreFile() {
        return trustStoreFile;
    }

    /** Password of both stores (not a secret worth protecting: the key never leaves this machine's temp dir). */
    public String trustStorePassword() {
        return password;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Context for the server side (holds the private key). */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keyStoreFile, password), password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Context for clients that trusts this certificate and nothing else. */
    public SSLContext clientContext() {
        return trusting(List.of(certificate));
    }

    /** Context for clients that trusts exactly the given certificates (e.g. the emulator's and an issuer's). */
    public static SSLContext trusting(List<X509Certificate> certificates) {
        try {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            int i = 0;
            for (X509Certificate certificate : certificates) {
                trustStore.setCertificateEntry("trusted-" + i++, certificate);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void runKeytool(Path keyStoreFile, String password) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        ProcessBuilder builder = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "30",
                "-keystore", keyStoreFile.toString(), "-storetype", "PKCS12",
                "-storepass:env", "LOOPBACK_TLS_PASSWORD", "-keypass:env", "LOOPBACK_TLS_PASSWORD")
                .redirectErrorStream(true);
        builder.environment().put("LOOPBACK_TLS_PASSWORD", password);
        Process process = builder.start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running keytool", e);
        }
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, password.toCharArray());
        }
        return keyStore;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
