package io.wimigrate.rewriter;

import io.wimigrate.scanner.model.Finding;
import io.wimigrate.scanner.model.Location;
import io.wimigrate.scanner.repo.CommentMasker;
import io.wimigrate.scanner.repo.CredentialSites;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python, C#, Go and JavaScript/TypeScript credentials the scan finds: never rewritten, each noted with the change to
 * make. Where the replacement is exact (the call passes tenant, client id and secret or certificate and nothing
 * else), the note carries it as a fix: the call becomes the language's DefaultAzureCredential, and the first fix in a
 * file also imports it where the file imports names one by one.
 */
final class SourceCredentialRecipe implements Recipe {

    /** What a replaceable call becomes, and the arguments it must have for that to be exact. */
    private record Replacement(String call, int arguments, boolean lastIsNil, String language) {
    }

    private static final Map<String, Replacement> REPLACEMENTS = Map.of(
            "azure.identity.ClientSecretCredential", new Replacement("DefaultAzureCredential()", 3, false, "python"),
            "azure.identity.CertificateCredential", new Replacement("DefaultAzureCredential()", 3, false, "python"),
            "Azure.Identity.ClientSecretCredential", new Replacement("DefaultAzureCredential()", 3, false, "dotnet"),
            "Azure.Identity.ClientCertificateCredential", new Replacement("DefaultAzureCredential()", 3, false,
                    "dotnet"),
            "azidentity.NewClientSecretCredential", new Replacement("NewDefaultAzureCredential(nil)", 4, true, "go"),
            "azidentity.NewClientCertificateCredential", new Replacement("NewDefaultAzureCredential(nil)", 5, true,
                    "go"),
            "@azure/identity.ClientSecretCredential", new Replacement("DefaultAzureCredential()", 3, false, "js"));

    private static final Pattern PYTHON_IMPORT =
            Pattern.compile("(?m)^[ \\t]*from[ \\t]+azure\\.identity(?:\\.aio)?[ \\t]+import[ \\t]+(?:\\([ \\t]*)?");
    private static final Pattern JS_IMPORT = Pattern.compile("((?:import|const|let|var)\\s*\\{\\s*)[^}]*\\}\\s*"
            + "(?:from\\s*|=\\s*require\\s*\\(\\s*)[\"']@azure/identity[\"']");

    @Override
    public boolean accepts(String relativePath) {
        return CredentialSites.accepts(relativePath);
    }

    @Override
    public List<TextEdit> edits(String relativePath, String text, List<RewriteNote> notes) {
        List<Finding> findings = CredentialSites.find(relativePath, text);
        if (findings.isEmpty()) {
            return List.of();
        }
        LineNumbers lines = new LineNumbers(text);
        String code = (relativePath.endsWith(".py") ? CommentMasker.HASH : CommentMasker.C_LIKE).mask(text);
        boolean importOffered = false;
        for (Finding finding : findings) {
            String symbol = finding.evidence().get("symbol");
            Location.InFile at = (Location.InFile) finding.location();
            int line = at.line();
            int column = at.column();
            Replacement replacement = REPLACEMENTS.get(symbol);
            if (replacement == null) {
                notes.add(new RewriteNote(relativePath, line, column, finding.rule(), manualFix(symbol)));
                continue;
            }
            String name = symbol.substring(symbol.lastIndexOf('.') + 1);
            Optional<TextEdit> call = call(code, lines.offset(line, column), name, replacement);
            String what = symbol + "(...)";
            if (call.isEmpty()) {
                notes.add(new RewriteNote(relativePath, line, column, finding.rule(), "Replace " + what + " with "
                        + replacement.call() + ". The call passes more than tenant, client id and secret (options"
                        + " such as an authority host): carry them over to DefaultAzureCredential's options by hand."
                        + after(replacement)));
                continue;
            }
            List<TextEdit> edits = new ArrayList<>(List.of(call.get()));
            Optional<TextEdit> addImport = importOffered ? Optional.empty()
                    : importEdit(code, call.get().start(), replacement.language());
            addImport.ifPresent(edits::add);
            importOffered |= addImport.isPresent();
            String description = "Replace " + what + " with " + replacement.call()
                    + (addImport.isPresent() ? ", and import DefaultAzureCredential" : "");
            CodeFix fix = CodeFix.of(description, text, edits);
            notes.add(new RewriteNote(relativePath, line, column, finding.rule(), description + "."
                    + after(replacement), fix));
        }
        return List.of();
    }

    private static String after(Replacement replacement) {
        String common = " The webhook sets AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE; variables"
                + " that only fed the secret become unused";
        return switch (replacement.language()) {
            case "go" -> common + " (Go refuses to compile unused locals: remove them).";
            case "python" -> common + ". WorkloadIdentityCredential() uses nothing but workload identity.";
            default -> common + ". new WorkloadIdentityCredential() uses nothing but workload identity.";
        };
    }

    /** The call from its name to its closing parenthesis, replaced, when its arguments are what the replacement needs. */
    private static Optional<TextEdit> call(String code, int nameAt, String name, Replacement replacement) {
        if (nameAt < 0 || !code.startsWith(name, nameAt)) {
            return Optional.empty();
        }
        int open = nameAt + name.length();
        while (open < code.length() && Character.isWhitespace(code.charAt(open))) {
            open++;
        }
        Optional<CallArguments> call = CallArguments.of(code, open);
        if (call.isEmpty()) {
            return Optional.empty();
        }
        List<String> arguments = call.get().arguments();
        if (arguments.size() != replacement.arguments()
                || replacement.lastIsNil() && !arguments.get(arguments.size() - 1).strip().equals("nil")) {
            return Optional.empty();
        }
        return Optional.of(new TextEdit(nameAt, call.get().end(), replacement.call()));
    }

    /** Where the file imports names one by one from the identity package: DefaultAzureCredential goes first there. */
    private static Optional<TextEdit> importEdit(String code, int callAt, String language) {
        boolean qualified = callAt > 0 && code.charAt(callAt - 1) == '.';
        if (qualified || code.contains("DefaultAzureCredential")) {
            return Optional.empty();
        }
        Matcher matcher = switch (language) {
            case "python" -> PYTHON_IMPORT.matcher(code);
            case "js" -> JS_IMPORT.matcher(code);
            default -> null;
        };
        if (matcher == null || !matcher.find()) {
            return Optional.empty();
        }
        int at = language.equals("js") ? matcher.end(1) : matcher.end();
        return Optional.of(TextEdit.insert(at, "DefaultAzureCredential, "));
    }

    private static String manualFix(String symbol) {
        if (symbol.equals("MSIAuthentication") || symbol.equals("ServicePrincipalCredentials")) {
            return "Track 1 credential " + symbol + " (msrestazure) has no workload identity: move the client to the"
                    + " track 2 SDK and pass it azure.identity's DefaultAzureCredential().";
        }
        if (symbol.equals("AzureServiceTokenProvider") || symbol.endsWith("AppAuthentication")) {
            return "Microsoft.Azure.Services.AppAuthentication (" + symbol + ") is retired and has no workload"
                    + " identity: use Azure.Identity's DefaultAzureCredential and GetTokenAsync(new"
                    + " TokenRequestContext(scopes)).";
        }
        if (symbol.endsWith("WithClientSecret")) {
            return "MSAL.NET: replace .WithClientSecret(...) with .WithClientAssertion(...) returning the contents of"
                    + " the file named by AZURE_FEDERATED_TOKEN_FILE, read again on every call (it rotates).";
        }
        if (symbol.startsWith("auth.")) {
            return "go-autorest's " + symbol + " has no workload identity: move the client to the track 2 SDK"
                    + " (github.com/Azure/azure-sdk-for-go/sdk/...) with azidentity.NewDefaultAzureCredential(nil).";
        }
        if (symbol.startsWith("msal.")) {
            return "MSAL confidential client with a client secret: pass client_credential={\"client_assertion\":"
                    + " ...} with the contents of the file named by AZURE_FEDERATED_TOKEN_FILE, read again for every"
                    + " token request (it rotates).";
        }
        if (symbol.startsWith("@azure/msal-node.")) {
            return "msal-node confidential client with a clientSecret: configure auth.clientAssertion with a callback"
                    + " returning the contents of the file named by AZURE_FEDERATED_TOKEN_FILE (it rotates).";
        }
        return symbol + ": authenticate with DefaultAzureCredential instead.";
    }
}
