package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.wimigrate.scanner.model.Dependency;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoModDetectorTest {

    @TempDir
    Path root;

    @Test
    void requireBlockAndSingleLineButNotReplace() {
        ScanReport report = new DetectorRun(root).write("go.mod", """
                module example.com/app

                go 1.21

                require (
                	github.com/Azure/azure-sdk-for-go/sdk/azcore v1.9.0
                	github.com/Azure/azure-sdk-for-go/sdk/azidentity v1.2.2 // indirect
                )

                require github.com/Azure/azure-sdk-for-go/sdk/azidentity v1.5.1

                replace github.com/Azure/azure-sdk-for-go/sdk/azidentity v1.0.0 => ../azidentity
                """).run(new GoModDetector(), "go.mod");

        assertThat(report.dependencies()).extracting(Dependency::version, Dependency::supportsWorkloadIdentity)
                .containsExactly(tuple("v1.2.2", false), tuple("v1.5.1", true));
        assertThat(DetectorRun.lines(report)).containsExactly("azure-identity-version@go.mod:7");
    }
}
