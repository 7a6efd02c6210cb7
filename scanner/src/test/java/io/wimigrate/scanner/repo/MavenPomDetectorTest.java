package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.scanner.model.Dependency;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.model.Rule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenPomDetectorTest {

    @TempDir
    Path root;

    private ScanReport scan(String pom) {
        return new DetectorRun(root).write("svc/pom.xml", pom).run(new MavenPomDetector(), "svc/pom.xml");
    }

    @Test
    void directOldVersionIsAFindingAtItsVersionElement() {
        ScanReport report = scan("""
                <project>
                  <dependencies>
                    <dependency>
                      <groupId>com.azure</groupId>
                      <artifactId>azure-identity</artifactId>
                      <version>1.8.2</version>
                    </dependency>
                  </dependencies>
                </project>
                """);

        assertThat(report.dependencies()).containsExactly(new Dependency(
                new Location.InFile("repo", "svc/pom.xml", 6, 7), "maven", "com.azure:azure-identity", "1.8.2",
                "1.9.0", false));
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(Rule.AZURE_IDENTITY_VERSION.id());
            assertThat(finding.evidence()).containsEntry("version", "1.8.2").containsEntry("minimum", "1.9.0");
        });
    }

    @Test
    void propertyVersionIsResolvedAndReportedAtTheProperty() {
        ScanReport report = scan("""
                <project>
                  <properties>
                    <azure-identity.version>1.10.0</azure-identity.version>
                  </properties>
                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>com.azure</groupId>
                        <artifactId>azure-identity</artifactId>
                        <version>${azure-identity.version}</version>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>
                  <dependencies>
                    <dependency>
                      <groupId>com.azure</groupId>
                      <artifactId>azure-identity</artifactId>
                    </dependency>
                  </dependencies>
                </project>
                """);

        assertThat(report.dependencies()).extracting(Dependency::version, Dependency::supportsWorkloadIdentity,
                        d -> ((Location.InFile) d.location()).line())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1.10.0", true, 3),
                        org.assertj.core.groups.Tuple.tuple(null, null, 17));
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void oldBomIsAFindingAndDecidesTheManagedDependency() {
        ScanReport report = scan("""
                <project>
                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>com.azure</groupId>
                        <artifactId>azure-sdk-bom</artifactId>
                        <version>1.2.12</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>
                  <dependencies>
                    <dependency>
                      <groupId>com.azure</groupId>
                      <artifactId>azure-identity</artifactId>
                    </dependency>
                  </dependencies>
                </project>
                """);

        assertThat(report.dependencies()).extracting(Dependency::name, Dependency::version,
                        Dependency::supportsWorkloadIdentity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("com.azure:azure-sdk-bom", "1.2.12", false),
                        org.assertj.core.groups.Tuple.tuple("com.azure:azure-identity", null, false));
        assertThat(DetectorRun.lines(report)).containsExactly("azure-identity-version@svc/pom.xml:7");
    }

    @Test
    void newBomManagesASupportingVersion() {
        ScanReport report = scan("""
                <project><dependencyManagement><dependencies><dependency>
                  <groupId>com.azure</groupId><artifactId>azure-sdk-bom</artifactId><version>1.2.13</version>
                  <type>pom</type><scope>import</scope>
                </dependency></dependencies></dependencyManagement>
                <dependencies><dependency>
                  <groupId>com.azure</groupId><artifactId>azure-identity</artifactId>
                </dependency></dependencies></project>
                """);

        assertThat(report.dependencies()).extracting(Dependency::supportsWorkloadIdentity).containsExactly(true, true);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void brokenXmlIsAWarningWithItsLine() {
        ScanReport report = scan("""
                <project>
                  <dependencies>
                    <artifactId>azure-identity</artifactId>
                  </dependency>
                </project>
                """);

        assertThat(report.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.subject()).startsWith("repo/svc/pom.xml:4:"));
    }
}
