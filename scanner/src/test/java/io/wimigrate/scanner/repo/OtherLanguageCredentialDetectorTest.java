package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regex detectors for Python, .NET, Go, JavaScript/TypeScript and the pod-identity authority variable. */
class OtherLanguageCredentialDetectorTest {

    @TempDir
    Path root;

    @Test
    void python() {
        ScanReport report = new DetectorRun(root).write("app/auth.py", """
                from azure.identity import ClientSecretCredential, CertificateCredential
                from msrestazure.azure_active_directory import MSIAuthentication
                import msal

                # cred = ClientSecretCredential(tenant, client, secret)
                cred = ClientSecretCredential(tenant_id=t, client_id=c, client_secret=os.environ["S"])
                cert = CertificateCredential(t, c, "cert.pem")
                msi = MSIAuthentication()
                doc = "ClientSecretCredential(is mentioned in a string, still code-like)"
                app = msal.ConfidentialClientApplication(c, client_credential=s)
                """).run(new PythonCredentialDetector(), "app/auth.py");

        assertThat(DetectorRun.lines(report)).containsExactly(
                "python-credential@app/auth.py:6", "python-credential@app/auth.py:7",
                "python-credential@app/auth.py:8", "python-credential@app/auth.py:9",
                "msal-client-secret@app/auth.py:10");
    }

    @Test
    void pythonWithoutTheImportIsNotAzure() {
        ScanReport report = new DetectorRun(root).write("other.py", """
                from mylib import ClientSecretCredential
                cred = ClientSecretCredential()
                """).run(new PythonCredentialDetector(), "other.py");

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void dotnet() {
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

    @Test
    void javascriptAndTypescript() {
        DetectorRun run = new DetectorRun(root)
                .write("web/auth.ts", """
                        import { ClientSecretCredential } from "@azure/identity";
                        // const c = new ClientSecretCredential(t, c, s);
                        const credential = new ClientSecretCredential(tenant, client, secret);
                        """)
                .write("web/msal.js", """
                        const msal = require('@azure/msal-node');
                        const config = { auth: { clientId: id, clientSecret: process.env.SECRET } };
                        const cca = new msal.ConfidentialClientApplication(config);
                        """);
        ScanReport report = run.run(new JsCredentialDetector(), "web/auth.ts", "web/msal.js");

        assertThat(DetectorRun.lines(report)).containsExactly(
                "js-credential@web/auth.ts:3", "msal-client-secret@web/msal.js:3");
    }

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
