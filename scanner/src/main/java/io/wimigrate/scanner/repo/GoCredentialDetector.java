package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.model.Rule;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go credentials: azidentity's {@code NewClientSecretCredential}/{@code NewClientCertificateCredential} and
 * go-autorest's {@code auth.NewMSIConfig}, {@code NewAuthorizerFromEnvironment} and {@code NewClientCredentialsConfig},
 * called through the name the file imports the package as.
 */
final class GoCredentialDetector implements Detector {

    private static final String AZIDENTITY = "github.com/Azure/azure-sdk-for-go/sdk/azidentity";
    private static final String AUTOREST_AUTH = "github.com/Azure/go-autorest/autorest/azure/auth";

    @Override
    public boolean accepts(RepoFile file) {
        return file.nameEndsWith(".go") && file.containsAny(AZIDENTITY, AUTOREST_AUTH);
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        SourcePatterns source = new SourcePatterns(file, report, CommentMasker.C_LIKE);
        String azidentity = importName(source.code(), AZIDENTITY, "azidentity");
        if (azidentity != null) {
            source.report(Rule.GO_CREDENTIAL, call(azidentity, "NewClientSecretCredential|NewClientCertificateCredential"),
                    "azidentity.");
        }
        String auth = importName(source.code(), AUTOREST_AUTH, "auth");
        if (auth != null) {
            source.report(Rule.GO_CREDENTIAL, call(auth, "NewMSIConfig|NewAuthorizerFromEnvironment\\w*"
                    + "|NewClientCredentialsConfig"), "auth.");
        }
    }

    /** The identifier the file uses for an imported package (its alias, or its last path element), null if absent. */
    private static String importName(String code, String importPath, String defaultName) {
        Matcher matcher = Pattern.compile("(?m)^\\s*(?:import\\s+)?(?:([\\w.]+)\\s+)?\"" + Pattern.quote(importPath) + "\"")
                .matcher(code);
        if (!matcher.find()) {
            return null;
        }
        String alias = matcher.group(1);
        return alias == null || alias.equals("import") ? defaultName : alias;
    }

    private static Pattern call(String packageName, String functions) {
        return Pattern.compile("\\b" + Pattern.quote(packageName) + "\\.(" + functions + ")\\s*\\(");
    }
}
