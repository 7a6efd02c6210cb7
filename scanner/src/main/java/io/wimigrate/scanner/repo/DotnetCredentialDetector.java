package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.model.Rule;
import java.util.regex.Pattern;

/**
 * C# credentials: Azure.Identity's {@code ClientSecretCredential} and {@code ClientCertificateCredential}, the
 * retired AppAuthentication library ({@code AzureServiceTokenProvider}, its using directive), and MSAL.NET's
 * {@code ConfidentialClientApplicationBuilder ... .WithClientSecret(...)}.
 */
final class DotnetCredentialDetector implements Detector {

    private static final Pattern IDENTITY_CREATION =
            Pattern.compile("\\bnew\\s+(?:Azure\\.Identity\\.)?(ClientSecretCredential|ClientCertificateCredential)\\s*\\(");
    private static final Pattern APP_AUTHENTICATION = Pattern.compile(
            "\\b(?:new\\s+(?:Microsoft\\.Azure\\.Services\\.AppAuthentication\\.)?(AzureServiceTokenProvider)\\s*\\("
                    + "|using\\s+(Microsoft\\.Azure\\.Services\\.AppAuthentication)\\s*;)");
    private static final Pattern MSAL_SECRET = Pattern.compile("\\.\\s*(WithClientSecret)\\s*\\(");

    @Override
    public boolean accepts(RepoFile file) {
        return file.nameEndsWith(".cs") && file.containsAny("ClientSecretCredential", "ClientCertificateCredential",
                "AzureServiceTokenProvider", "AppAuthentication", "WithClientSecret");
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        SourcePatterns source = new SourcePatterns(file, report, CommentMasker.C_LIKE);
        // No using directive required: "global using Azure.Identity;" usually sits in another file.
        source.report(Rule.DOTNET_CREDENTIAL, IDENTITY_CREATION, "Azure.Identity.");
        source.report(Rule.DOTNET_CREDENTIAL, APP_AUTHENTICATION, "");
        if (source.code().contains("ConfidentialClientApplicationBuilder")) {
            source.report(Rule.MSAL_CLIENT_SECRET, MSAL_SECRET, "ConfidentialClientApplicationBuilder.");
        }
    }
}
