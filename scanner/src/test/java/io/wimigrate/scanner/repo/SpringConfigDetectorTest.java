package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.scanner.model.Finding;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpringConfigDetectorTest {

    @TempDir
    Path root;

    @Test
    void yamlKeysNestedDottedAndInProfileDocuments() {
        ScanReport report = new DetectorRun(root).write("src/main/resources/application-prod.yml", """
                spring:
                  cloud:
                    azure:
                      credential:
                        client-id: 00000000-0000-0000-0000-000000000000
                        client-secret: ${AZURE_CLIENT_SECRET}
                      storage.blob.credential.clientCertificatePath: /certs/sp.pem
                      keyvault:
                        secret:
                          endpoint: https://kv.example
                ---
                spring.config.activate.on-profile: legacy
                azure:
                  activedirectory:
                    client-secret: x
                    tenant-id: t
                """).run(new SpringConfigDetector(), "src/main/resources/application-prod.yml");

        assertThat(report.findings()).extracting(f -> DetectorRun.line(f) + " " + f.evidence().get("key"))
                .containsExactly(
                        "src/main/resources/application-prod.yml:5 spring.cloud.azure.credential.client-id",
                        "src/main/resources/application-prod.yml:6 spring.cloud.azure.credential.client-secret",
                        "src/main/resources/application-prod.yml:7"
                                + " spring.cloud.azure.storage.blob.credential.clientCertificatePath",
                        "src/main/resources/application-prod.yml:15 azure.activedirectory.client-secret");
    }

    @Test
    void propertiesKeysWithCommentsAndContinuations() {
        ScanReport report = new DetectorRun(root).write("config/application.properties", """
                # spring.cloud.azure.credential.client-secret=commented out
                spring.cloud.azure.active-directory.credential.client-secret=abc
                spring.cloud.azure.credential.client-certificate-password : pw
                some.list=a,\\
                  spring.cloud.azure.credential.client-secret=not a key
                azure.activedirectory.client-id=id
                spring.cloud.azure.credential.managed-identity-enabled=true
                """).run(new SpringConfigDetector(), "config/application.properties");

        assertThat(report.findings()).extracting(DetectorRun::line).containsExactly(
                "config/application.properties:2", "config/application.properties:3",
                "config/application.properties:6");
        assertThat(report.findings()).extracting(Finding::message).allSatisfy(message ->
                assertThat(message).doesNotContain("abc").doesNotContain("pw"));
    }

    @Test
    void otherFilesAreNotSpringConfiguration() {
        ScanReport report = new DetectorRun(root).write("deploy/values.yaml", """
                spring.cloud.azure.credential.client-secret: x
                """).run(new SpringConfigDetector(), "deploy/values.yaml");

        assertThat(report.findings()).isEmpty();
    }
}
