package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.wimigrate.scanner.model.Dependency;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmPackageDetectorTest {

    @TempDir
    Path root;

    @Test
    void packageJsonRangesPerSection() {
        ScanReport report = new DetectorRun(root).write("web/package.json", """
                {
                  "name": "web",
                  "dependencies": {
                    "@azure/identity": "3.1.4"
                  },
                  "devDependencies": { "@azure/identity": "^4.0.0" },
                  "scripts": { "@azure/identity": "not a dependency" }
                }
                """).run(new NpmPackageDetector(), "web/package.json");

        assertThat(report.dependencies()).extracting(Dependency::version, Dependency::supportsWorkloadIdentity)
                .containsExactly(tuple("3.1.4", false), tuple("^4.0.0", true));
        assertThat(DetectorRun.lines(report)).containsExactly("azure-identity-version@web/package.json:4");
    }

    @Test
    void urlDependencyIsRecordedWithoutItsUrl() {
        ScanReport report = new DetectorRun(root).write("package.json", """
                {"dependencies": {"@azure/identity": "git+https://CANARY-7f3a9c@github.com/fork/identity.git"}}
                """).run(new NpmPackageDetector(), "package.json");

        assertThat(report.dependencies()).extracting(Dependency::version, Dependency::supportsWorkloadIdentity)
                .containsExactly(tuple(null, null));
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void lockfileV3AndV1InstalledVersions() {
        ScanReport report = new DetectorRun(root).write("package-lock.json", """
                {
                  "lockfileVersion": 3,
                  "packages": {
                    "": { "dependencies": { "@azure/identity": "^3.1.0" } },
                    "node_modules/@azure/identity": {
                      "version": "3.1.3",
                      "resolved": "https://registry.npmjs.org/@azure/identity/-/identity-3.1.3.tgz"
                    }
                  },
                  "dependencies": {
                    "@azure/identity": { "version": "3.4.1" }
                  }
                }
                """).run(new NpmPackageDetector(), "package-lock.json");

        assertThat(report.dependencies()).extracting(Dependency::version, Dependency::supportsWorkloadIdentity)
                .containsExactly(tuple("3.1.3", false), tuple("3.4.1", true));
    }
}
