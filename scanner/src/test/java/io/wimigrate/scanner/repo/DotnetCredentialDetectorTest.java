package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotnetCredentialDetectorTest {

    @TempDir
    Path root;

    @Test
    void identityAppAuthenticationAndMsal() {
        ScanReport report = new DetectorRun(root).write("src/Auth.cs", """
                using Azure.Identity;
                using Microsoft.Azure.Services.AppAuthentication;
                using Microsoft.Identity.Client;

                class Auth {
                    // var old = new ClientSecretCredential(t, c, s);
                    TokenCredential Cred() => new ClientSecretCredential(t, c, s);
                    object Provider() => new AzureServiceTokenProvider();
                    object Msal() => ConfidentialClientApplicationBuilder.Create(c)
                        .WithClientSecret(s)
                        .Build();
                    string Url = "https://login.microsoftonline.com/"; // new ClientSecretCredential(
                }
                """).run(new DotnetCredentialDetector(), "src/Auth.cs");

        assertThat(DetectorRun.lines(report)).containsExactly(
                "dotnet-credential@src/Auth.cs:2", "dotnet-credential@src/Auth.cs:7",
                "dotnet-credential@src/Auth.cs:8", "msal-client-secret@src/Auth.cs:10");
    }

    @Test
    void globalUsingsElsewhereStillCount() {
        ScanReport report = new DetectorRun(root).write("src/Startup.cs", """
                class Startup {
                    object Cred() => new ClientCertificateCredential(tenant, client, path);
                }
                """).run(new DotnetCredentialDetector(), "src/Startup.cs");

        assertThat(report.findings()).singleElement().satisfies(finding -> assertThat(finding.evidence())
                .containsEntry("symbol", "Azure.Identity.ClientCertificateCredential"));
    }
}
