package io.wimigrate.localcluster;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's throwaway certificate authority: a CA, the certificates it issues, and the service-account signing
 * key. Everything is written as PEM files into the cluster's temporary directory and dies with it.
 */
final class Pki {

    /** A certificate and its key, as PEM files. */
    record Issued(Path certificate, Path key) {
    }

    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final Path caFile;

    private Pki(Path dir, KeyPair caKeys, X509Certificate caCertificate, Path caFile) {
        this.dir = dir;
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
        this.caFile = caFile;
    }

    static Pki create(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair keys = rsaKeys();
            X500Name name = name("wimigrate-local-ca", null);
            X509v3CertificateBuilder builder = builder(name, name, keys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate certificate = sign(builder, keys);
            Path caFile = write(dir.resolve("ca.crt"), certificate);
            return new Pki(dir, keys, certificate, caFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the local CA", e);
        }
    }

    Path caFile() {
        return caFile;
    }

    /** A serving certificate for 127.0.0.1 and localhost (plus {@code dnsNames}). */
    Issued server(String fileName, String commonName, String... dnsNames) {
        return issue(fileName, commonName, null, KeyPurposeId.id_kp_serverAuth, dnsNames);
    }

    /** A client certificate: Kubernetes reads the user from CN and the group from O. */
    Issued client(String fileName, String user, String group) {
        return issue(fileName, user, group, KeyPurposeId.id_kp_clientAuth);
    }

    /** An RSA key pair as PEM (private PKCS#8, public SubjectPublicKeyInfo), for service-account token signing. */
    Issued signingKeys(String fileName) {
        try {
            KeyPair keys = rsaKeys();
            return new Issued(write(dir.resolve(fileName + ".pub"), keys.getPublic()),
                    write(dir.resolve(fileName + ".key"), keys.getPrivate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Issued issue(String fileName, String commonName, String organisation, KeyPurposeId purpose,
                         String... dnsNames) {
        try {
            KeyPair keys = rsaKeys();
            X509v3CertificateBuilder builder = builder(
                    X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded()),
                    name(commonName, organisation), keys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCertificate));
            if (purpose.equals(KeyPurposeId.id_kp_serverAuth)) {
                List<GeneralName> names = new ArrayList<>();
                names.add(new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()));
                names.add(new GeneralName(GeneralName.dNSName, "localhost"));
                for (String dns : dnsNames) {
                    names.add(new GeneralName(GeneralName.dNSName, dns));
                }
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            X509Certificate certificate = sign(builder, caKeys);
            return new Issued(write(dir.resolve(fileName + ".crt"), certificate),
                    write(dir.resolve(fileName + ".key"), keys.getPrivate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue " + fileName, e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
    }

    private static X500Name name(String commonName, String organisation) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        if (organisation != null) {
            name.addRDN(BCStyle.O, organisation);
        }
        return name.addRDN(BCStyle.CN, commonName).build();
    }

    private static KeyPair rsaKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static Path write(Path file, Object pemObject) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(pemObject);
        }
        return Files.writeString(file, text.toString());
    }
}
