package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.wimigrate.scanner.model.Dependency;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradleVersionCatalogDetectorTest {

    @TempDir
    Path root;

    @Test
    void versionCatalogWithRefsInlineVersionsAndModules() {
        ScanReport report = new DetectorRun(root).write("gradle/libs.versions.toml", """
                [versions]
                # identity pinned for the old runtime
                azureIdentity = "1.8.1"

                [libraries]
                azure-identity = { module = "com.azure:azure-identity", version.ref = "azureIdentity" }
                azure-identity-new = { group = "com.azure", name = "azure-identity", version = "1.11.2" }
                azure-bom = "com.azure:azure-sdk-bom:1.2.10"
                """).run(new GradleVersionCatalogDetector(), "gradle/libs.versions.toml");

        assertThat(report.dependencies()).extracting(Dependency::name, Dependency::version,
                        Dependency::supportsWorkloadIdentity)
                .containsExactly(tuple("com.azure:azure-identity", "1.8.1", false),
                        tuple("com.azure:azure-identity", "1.11.2", true),
                        tuple("com.azure:azure-sdk-bom", "1.2.10", false));
        assertThat(DetectorRun.lines(report)).containsExactly(
                "azure-identity-version@gradle/libs.versions.toml:3",
                "azure-identity-version@gradle/libs.versions.toml:8");
    }
}
