package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.model.Rule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCredentialDetectorTest {

    @TempDir
    Path root;

    private ScanReport scan(String source) {
        return new DetectorRun(root).write("src/main/java/app/Creds.java", source)
                .run(new JavaCredentialDetector(), "src/main/java/app/Creds.java");
    }

    @Test
    void builderChainSplitOverLinesWithCommentsIsOneFindingWithItsMethods() {
        ScanReport report = scan("""
                package app;

                import com.azure.identity.ClientSecretCredentialBuilder;
                import com.azure.core.credential.TokenCredential;

                class Creds {
                    TokenCredential credential() {
                        return new ClientSecretCredentialBuilder() // from the vault
                                /* tenant first */ .tenantId(System.getenv("T"))
                                .clientId("id")
                                // the secret
                                .clientSecret("s3cr3t")
                                .build();
                    }
                }
                """);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(Rule.JAVA_CLIENT_SECRET_CREDENTIAL.id());
            assertThat(finding.location()).isEqualTo(
                    new Location.InFile("repo", "src/main/java/app/Creds.java", 8, 16));
            assertThat(finding.evidence()).containsEntry("symbol", "com.azure.identity.ClientSecretCredentialBuilder")
                    .containsEntry("class", "Creds").containsEntry("method", "credential")
                    .containsEntry("chain", "tenantId,clientId,clientSecret,build");
        });
    }

    @Test
    void wildcardImportResolvesEveryTargetKind() {
        ScanReport report = scan("""
                package app;

                import com.azure.identity.*;

                class Creds {
                    Object cert = new ClientCertificateCredentialBuilder().pemCertificate("p").build();
                    Object env = new EnvironmentCredentialBuilder().build();
                    Object mi = new ManagedIdentityCredentialBuilder().clientId("c").build();
                    Object systemAssigned = new ManagedIdentityCredentialBuilder().build();
                }
                """);

        assertThat(report.findings()).extracting(Finding::rule).containsExactly(
                Rule.JAVA_CLIENT_CERTIFICATE_CREDENTIAL.id(), Rule.JAVA_ENVIRONMENT_CREDENTIAL.id(),
                Rule.JAVA_MANAGED_IDENTITY_CLIENT_ID.id());
        assertThat(report.findings().get(0).evidence()).containsEntry("class", "Creds").doesNotContainKey("method");
    }

    @Test
    void staticImportOfMsalFactoryAndQualifiedNamesInCode() {
        ScanReport report = scan("""
                package app;

                import static com.microsoft.aad.msal4j.ClientCredentialFactory.createFromSecret;

                class Creds {
                    void build() {
                        var secret = createFromSecret("x");
                        var creds = new com.microsoft.azure.credentials.ApplicationTokenCredentials("a", "b", "c", null);
                        var msi = com.microsoft.azure.credentials.MSICredentials.getMSICredentials();
                        var viaFqn = com.microsoft.aad.msal4j.ClientCredentialFactory.createFromSecret("y");
                        var direct = new com.azure.identity.ClientSecretCredentialBuilder().build();
                    }
                }
                """);

        assertThat(DetectorRun.lines(report)).containsExactly(
                "java-msal-client-secret@src/main/java/app/Creds.java:7",
                "java-track1-credential@src/main/java/app/Creds.java:8",
                "java-track1-credential@src/main/java/app/Creds.java:9",
                "java-msal-client-secret@src/main/java/app/Creds.java:10",
                "java-client-secret-credential@src/main/java/app/Creds.java:11");
    }

    @Test
    void builderKeptInAVariableIsFollowedThroughItsName() {
        ScanReport report = scan("""
                package app;

                import com.azure.identity.ManagedIdentityCredentialBuilder;

                class Creds {
                    Object credential(String id) {
                        var builder = new ManagedIdentityCredentialBuilder();
                        if (id != null) {
                            builder.clientId(id);
                        }
                        return builder.build();
                    }

                    Object unrelated(Object builder) {
                        return new ManagedIdentityCredentialBuilder().build();
                    }
                }
                """);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(Rule.JAVA_MANAGED_IDENTITY_CLIENT_ID.id());
            assertThat(DetectorRun.line(finding)).endsWith(":7");
            assertThat(finding.evidence()).containsEntry("chain", "clientId,build");
        });
    }

    @Test
    void newerSyntaxStillParses() {
        ScanReport report = scan("""
                package app;

                import com.azure.identity.EnvironmentCredentialBuilder;

                record Creds(String name) {
                    Object credential(Object o) {
                        if (o instanceof String s && !s.isEmpty()) {
                            return switch (s) {
                                case "env" -> new EnvironmentCredentialBuilder().build();
                                default -> null;
                            };
                        }
                        return null;
                    }
                }
                """);

        assertThat(report.diagnostics()).isEmpty();
        assertThat(DetectorRun.lines(report)).containsExactly(
                "java-environment-credential@src/main/java/app/Creds.java:9");
    }

    @Test
    void adalTypesAreReported() {
        ScanReport report = scan("""
                package app;

                import com.microsoft.aad.adal4j.AuthenticationContext;
                import com.microsoft.aad.adal4j.ClientCredential;

                class Creds {
                    void token(java.util.concurrent.ExecutorService pool) throws Exception {
                        AuthenticationContext context = new AuthenticationContext("https://login", false, pool);
                        context.acquireToken("r", new ClientCredential("id", "secret"), null);
                    }
                }
                """);

        assertThat(report.findings()).extracting(Finding::rule).containsOnly(Rule.JAVA_ADAL.id()).hasSize(2);
    }

    @Test
    void receiversThatAreNotNamesNeverBecomeEvidence() {
        ScanReport report = scan("""
                package app;

                import com.microsoft.aad.adal4j.AuthenticationResult;

                class Creds {
                    Object leak() {
                        return com.microsoft.aad.adal4j.Holder.of("CANARY-7f3a9c").value.get();
                    }
                }
                """);

        assertThat(report.findings()).extracting(Finding::evidence)
                .allSatisfy(evidence -> assertThat(evidence.toString()).doesNotContain("CANARY"));
        assertThat(report.findings()).extracting(f -> f.evidence().get("symbol"))
                .containsExactly("com.microsoft.aad.adal4j.Holder.of");
    }

    @Test
    void sameNamedClassFromAnotherPackageDoesNotMatch() {
        ScanReport report = scan("""
                package app;

                import com.azure.identity.*;
                import com.example.auth.ClientSecretCredentialBuilder;
                import com.example.auth.EnvironmentCredential;

                class Creds {
                    Object a = new ClientSecretCredentialBuilder().clientSecret("x").build();
                    Object b = new EnvironmentCredential();
                    Object c = new ClientCredentialFactory();
                }
                """);

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void classDeclaredInTheFileShadowsTheWildcardImport() {
        ScanReport report = scan("""
                package app;

                import com.azure.identity.*;

                class Creds {
                    static class ClientSecretCredentialBuilder { }
                    Object a = new ClientSecretCredentialBuilder();
                }
                """);

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void sourceThatDoesNotParseIsAWarningAtTheParsersPosition() {
        ScanReport report = scan("""
                package app;

                import com.azure.identity.ClientSecretCredentialBuilder;

                class Creds {
                    Object a = new ClientSecretCredentialBuilder().clientSecret("CANARY-7f3a9c" ;
                }
                """);

        assertThat(report.findings()).isEmpty();
        assertThat(report.diagnostics()).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.subject()).startsWith("repo/src/main/java/app/Creds.java:6:");
            assertThat(diagnostic.message()).doesNotContain("CANARY");
        });
    }
}
