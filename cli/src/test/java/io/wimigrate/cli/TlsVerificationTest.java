package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No production code turns TLS verification off: no trust-all trust manager, no hostname verifier that accepts
 * anything, no client option that trusts every certificate. (The kubeconfig setting that asks for it is refused:
 * KubeconfigClientsTest.) The Azure emulator is test support and trusts its own loopback CA only.
 */
class TlsVerificationTest {

    private static final Pattern DISABLES_TLS = Pattern.compile(String.join("|",
            "(?i)trustCerts\\(\\s*true", "(?i)DisableHostnameVerification\\(\\s*true", "X509TrustManager",
            "X509ExtendedTrustManager", "HostnameVerifier", "InsecureTrustManagerFactory", "(?i)trust_?all",
            "TrustSelfSigned", "ALLOW_ALL", "(?i)insecure-?skip-?tls-?verify\\(\\s*true"));

    @Test
    void noProductionSourceDisablesCertificateOrHostnameVerification() throws IOException {
        List<String> offending = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(Cli.PROJECT_ROOT)) {
            sources = walk.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> path.toString().contains("/src/main/java/"))
                    .filter(path -> !path.toString().contains("/target/")).toList();
        }
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                if (DISABLES_TLS.matcher(lines.get(i)).find()) {
                    offending.add(Cli.PROJECT_ROOT.relativize(source) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(sources).as("the walk found the modules' sources").hasSizeGreaterThan(100);
        assertThat(offending).isEmpty();
    }

    @Test
    void thePatternCatchesTheUsualWaysToTurnVerificationOff() {
        assertThat(List.of("config.setTrustCerts(true);", "new ConfigBuilder().withTrustCerts(true)",
                "class Lax implements X509TrustManager {", "conn.setHostnameVerifier((h, s) -> true);",
                "InsecureTrustManagerFactory.INSTANCE", "builder.trustAll()", "withDisableHostnameVerification(true)"))
                .allMatch(line -> DISABLES_TLS.matcher(line).find());
    }
}
