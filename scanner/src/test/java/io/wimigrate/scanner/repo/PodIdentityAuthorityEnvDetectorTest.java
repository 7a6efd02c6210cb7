package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodIdentityAuthorityEnvDetectorTest {

    @TempDir
    Path root;

    @Test
    void podIdentityAuthorityHostAnywhereButInComments() {
        DetectorRun run = new DetectorRun(root)
                .write("svc/Config.java", """
                        class Config {
                            // AZURE_POD_IDENTITY_AUTHORITY_HOST is gone
                            String host = System.getenv("AZURE_POD_IDENTITY_AUTHORITY_HOST");
                        }
                        """)
                .write("deploy/env.txt", "AZURE_POD_IDENTITY_AUTHORITY_HOST=http://127.0.0.1:2579\n");
        ScanReport report = run.run(new PodIdentityAuthorityEnvDetector(), "svc/Config.java", "deploy/env.txt");

        assertThat(DetectorRun.lines(report)).containsExactly(
                "pod-identity-authority-env@deploy/env.txt:1", "pod-identity-authority-env@svc/Config.java:3");
    }
}
