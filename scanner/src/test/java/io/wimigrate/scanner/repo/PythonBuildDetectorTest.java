package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.wimigrate.scanner.model.Dependency;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonBuildDetectorTest {

    @TempDir
    Path root;

    @Test
    void requirementsLinesWithPinsRangesExtrasAndMarkers() {
        ScanReport report = new DetectorRun(root).write("requirements-prod.txt", """
                # azure-identity==1.0.0 is what we used before
                azure-identity==1.12.0
                Azure_Identity[aio] >=1.12,<2 ; python_version >= "3.8"
                azure-identity>=1.15.0
                azure-identity-broker==1.0.0
                azure-identity
                azure-identity==1.11.0 --hash=sha256:0123abcd
                azure-identity @ https://user:CANARY-7f3a9c@pypi.example/azure_identity-1.15.0.whl
                """).run(new PythonBuildDetector(), "requirements-prod.txt");

        assertThat(report.dependencies()).extracting(Dependency::version, Dependency::supportsWorkloadIdentity)
                .containsExactly(tuple("==1.12.0", false), tuple(">=1.12,<2", null), tuple(">=1.15.0", true),
                        tuple(null, null), tuple("==1.11.0", false), tuple(null, null));
        assertThat(DetectorRun.lines(report)).containsExactly("azure-identity-version@requirements-prod.txt:2",
                "azure-identity-version@requirements-prod.txt:7");
    }

    @Test
    void pyprojectPep621AndPoetry() {
        ScanReport report = new DetectorRun(root).write("pyproject.toml", """
                [project]
                name = "azure-identity-user"
                dependencies = [
                    "azure-identity>=1.14",
                    "requests",
                ]

                [tool.poetry.dependencies]
                python = "^3.10"
                azure-identity = "^1.10.0"
                azure_identity = { version = "1.11.0", optional = true }
                """).run(new PythonBuildDetector(), "pyproject.toml");

        assertThat(report.dependencies()).extracting(Dependency::version, Dependency::supportsWorkloadIdentity)
                .containsExactly(tuple(">=1.14", true), tuple("^1.10.0", null), tuple("1.11.0", false));
        assertThat(DetectorRun.lines(report)).containsExactly("azure-identity-version@pyproject.toml:11");
    }

    @Test
    void poetryLockGivesTheResolvedVersion() {
        ScanReport report = new DetectorRun(root).write("poetry.lock", """
                [[package]]
                name = "azure-core"
                version = "1.29.0"

                [[package]]
                name = "azure-identity"
                version = "1.12.0"
                description = "Microsoft Azure Identity Library for Python"
                """).run(new PythonBuildDetector(), "poetry.lock");

        assertThat(report.dependencies()).extracting(Dependency::version, Dependency::supportsWorkloadIdentity)
                .containsExactly(tuple("1.12.0", false));
        assertThat(DetectorRun.lines(report)).containsExactly("azure-identity-version@poetry.lock:7");
    }
}
