package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoCredentialDetectorTest {

    @TempDir
    Path root;

    @Test
    void goWithAliasedImports() {
        ScanReport report = new DetectorRun(root).write("cmd/main.go", """
                package main

                import (
                	azid "github.com/Azure/azure-sdk-for-go/sdk/azidentity"
                	"github.com/Azure/go-autorest/autorest/azure/auth"
                )

                func main() {
                	/* azid.NewClientSecretCredential(t, c, s, nil) */
                	cred, _ := azid.NewClientSecretCredential(t, c, s, nil)
                	a, _ := auth.NewAuthorizerFromEnvironment()
                	cfg := auth.NewMSIConfig()
                	other.NewClientSecretCredential()
                }
                """).run(new GoCredentialDetector(), "cmd/main.go");

        assertThat(DetectorRun.lines(report)).containsExactly(
                "go-credential@cmd/main.go:10", "go-credential@cmd/main.go:11", "go-credential@cmd/main.go:12");
    }
}
