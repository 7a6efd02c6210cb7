package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.wimigrate.scanner.model.Dependency;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradleBuildDetectorTest {

    @TempDir
    Path root;

    @Test
    void groovyStringAndMapNotationWithOldNewAndManagedVersions() {
        ScanReport report = new DetectorRun(root).write("build.gradle", """
                dependencies {
                    implementation platform('com.azure:azure-sdk-bom:1.2.20')
                    implementation 'com.azure:azure-identity'
                    // implementation 'com.azure:azure-identity:1.0.0'
                    runtimeOnly group: 'com.azure', name: 'azure-identity', version: '1.8.0'
                    testImplementation "com.azure:azure-identity:$identityVersion"
                }
                """).run(new GradleBuildDetector(), "build.gradle");

        assertThat(report.dependencies()).extracting(Dependency::name, Dependency::version,
                        Dependency::supportsWorkloadIdentity)
                .containsExactly(tuple("com.azure:azure-sdk-bom", "1.2.20", true),
                        tuple("com.azure:azure-identity", null, null),
                        tuple("com.azure:azure-identity", "1.8.0", false),
                        tuple("com.azure:azure-identity", "$identityVersion", null));
        assertThat(DetectorRun.lines(report)).containsExactly("azure-identity-version@build.gradle:5");
    }

    @Test
    void kotlinDsl() {
        ScanReport report = new DetectorRun(root).write("app/build.gradle.kts", """
                dependencies {
                    implementation("com.azure:azure-identity:1.7.3")
                    implementation(group = "com.azure", name = "azure-identity", version = "1.12.0")
                }
                """).run(new GradleBuildDetector(), "app/build.gradle.kts");

        assertThat(report.dependencies()).extracting(Dependency::version, Dependency::supportsWorkloadIdentity)
                .containsExactly(tuple("1.7.3", false), tuple("1.12.0", true));
        assertThat(DetectorRun.lines(report)).containsExactly("azure-identity-version@app/build.gradle.kts:2");
    }
}
