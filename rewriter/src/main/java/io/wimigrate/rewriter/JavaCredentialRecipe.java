package io.wimigrate.rewriter;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Problem;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import io.wimigrate.scanner.repo.CommentMasker;
import io.wimigrate.scanner.repo.JavaImports;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replaces {@code new ClientSecretCredentialBuilder()...build()} (and the certificate and environment builders) with
 * {@code new DefaultAzureCredentialBuilder().build()}, which picks up workload identity from the environment the
 * webhook injects. Declared types, imports and locals that only fed the secret follow; anything it cannot prove safe
 * becomes a note. Track 1, MSAL4J and ADAL4J code is only noted, with the manual fix.
 */
final class JavaCredentialRecipe implements Recipe {

    static final String IDENTITY = "com.azure.identity.";
    static final String TRACK1 = "com.microsoft.azure.credentials.";
    static final String ADAL = "com.microsoft.aad.adal4j.";
    static final String MSAL_FACTORY = "com.microsoft.aad.msal4j.ClientCredentialFactory";

    static final Set<String> REPLACED_BUILDERS = Set.of(IDENTITY + "ClientSecretCredentialBuilder",
            IDENTITY + "ClientCertificateCredentialBuilder", IDENTITY + "EnvironmentCredentialBuilder");
    static final Set<String> REPLACED_CREDENTIALS = Set.of(IDENTITY + "ClientSecretCredential",
            IDENTITY + "ClientCertificateCredential", IDENTITY + "EnvironmentCredential");
    static final Set<String> TRACK1_TYPES = Set.of(TRACK1 + "ApplicationTokenCredentials", TRACK1 + "MSICredentials");

    private static final String[] TOKENS = {"ClientSecretCredential", "ClientCertificateCredential",
        "EnvironmentCredential", "ApplicationTokenCredentials", "MSICredentials", "createFromSecret", "adal4j"};

    /**
     * JavaParser keeps state while it parses: one per thread. RAW skips the language-level validation (a third of the
     * parse time): the grammar still rejects code that does not parse, and rewritten code is compiled by javac anyway.
     * The original line separator, which only JavaParser's printers use, is not detected (a String per character).
     */
    private final ThreadLocal<JavaParser> parser = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)
                    .setAttributeComments(false).setDetectOriginalLineSeparator(false)));

    /** Set when the plan says the rewritten credentials must name their identity; null otherwise. */
    private final ExplicitIdentity explicit;

    JavaCredentialRecipe() {
        this(null);
    }

    JavaCredentialRecipe(ExplicitIdentity explicit) {
        this.explicit = explicit;
    }

    @Override
    public boolean accepts(String relativePath) {
        return relativePath.endsWith(".java");
    }

    @Override
    public List<TextEdit> edits(String relativePath, String text, List<RewriteNote> notes) {
        // Parsing is the expensive part: a file naming the types only in comments is not parsed at all.
        if (!containsAny(text) || !containsAny(CommentMasker.C_LIKE.mask(text))) {
            return List.of();
        }
        int base = text.startsWith("\uFEFF") ? 1 : 0;
        ParseResult<CompilationUnit> result = parser.get().parse(text.substring(base));
        Optional<CompilationUnit> unit = result.getResult();
        if (!result.isSuccessful() || unit.isEmpty()) {
            // The parser's message quotes source text, which may hold a secret: report the position only.
            Position at = result.getProblems().stream().findFirst()
                    .flatMap(Problem::getLocation).flatMap(TokenRange::toRange).map(range -> range.begin)
                    .orElse(new Position(0, 0));
            notes.add(new RewriteNote(relativePath, at.line, at.column, "java-does-not-parse",
                    "Java source does not parse; left unchanged. Fix it and run again."));
            return List.of();
        }
        Optional<JavaSource> source = JavaSource.of(relativePath, text, base, unit.get());
        if (source.isEmpty()) {
            notes.add(new RewriteNote(relativePath, 1, 1, "java-positions-unknown",
                    "Source positions cannot be mapped exactly (unicode escapes?); left unchanged."));
            return List.of();
        }
        JavaImports imports = JavaImports.of(unit.get(), JavaCredentialRecipe::isKnown);
        JavaFileRewrite rewrite = new JavaFileRewrite(source.get(), imports, notes, explicit);
        for (ObjectCreationExpr creation : unit.get().findAll(ObjectCreationExpr.class)) {
            String type = imports.resolveType(creation.getType().getNameWithScope());
            if (REPLACED_BUILDERS.contains(type)) {
                rewrite.replaceChain(creation, type);
            } else if (TRACK1_TYPES.contains(type) || type.startsWith(ADAL)) {
                manualFix(source.get(), creation, type, notes);
            }
        }
        for (MethodCallExpr call : unit.get().findAll(MethodCallExpr.class)) {
            String owner = call.getScope().flatMap(JavaSource::dottedName).map(imports::resolveType)
                    .orElseGet(() -> call.getScope().isPresent() ? "" : imports.resolveStaticMethod(call.getNameAsString()));
            boolean msalSecret = owner.equals(MSAL_FACTORY) && call.getNameAsString().equals("createFromSecret");
            if (msalSecret || TRACK1_TYPES.contains(owner) || owner.startsWith(ADAL)) {
                manualFix(source.get(), call, owner, notes);
            }
        }
        return rewrite.finish();
    }

    private static boolean isKnown(String qualifiedName) {
        return REPLACED_BUILDERS.contains(qualifiedName) || REPLACED_CREDENTIALS.contains(qualifiedName)
                || TRACK1_TYPES.contains(qualifiedName) || qualifiedName.equals(MSAL_FACTORY)
                || qualifiedName.startsWith(ADAL) || qualifiedName.equals(IDENTITY + "DefaultAzureCredentialBuilder")
                || qualifiedName.equals(IDENTITY + "DefaultAzureCredential");
    }

    private static boolean containsAny(String text) {
        // Every token but "adal4j" spells "Credential" (MSAL's createFromSecret through ClientCredentialFactory, if
        // only in its import): two passes over a file that holds none of them, instead of one per token.
        if (!text.contains("Credential") && !text.contains("adal4j")) {
            return false;
        }
        for (String token : TOKENS) {
            if (text.contains(token)) {
                return true;
            }
        }
        return false;
    }

    private static void manualFix(JavaSource source, Node node, String symbol, List<RewriteNote> notes) {
        String code;
        String fix;
        if (symbol.startsWith(TRACK1)) {
            code = "java-track1-credential";
            fix = "Track 1 credential " + symbol + " has no workload identity: move this client to the track 2 SDK"
                    + " (com.azure.*) and pass it new DefaultAzureCredentialBuilder().build(); until then only the"
                    + " workload identity proxy sidecar (pod annotation azure.workload.identity/inject-proxy-sidecar)"
                    + " serves its IMDS calls.";
        } else if (symbol.startsWith(ADAL)) {
            code = "java-adal4j";
            fix = "ADAL4J (" + symbol + ") is retired and has no workload identity: move to azure-identity's"
                    + " DefaultAzureCredential, or to MSAL4J with ClientCredentialFactory.createFromClientAssertion(..)"
                    + " reading the token file named by AZURE_FEDERATED_TOKEN_FILE.";
        } else {
            code = "java-msal4j-secret";
            fix = "MSAL4J client secret (" + symbol + "): use ClientCredentialFactory.createFromClientAssertion(..)"
                    + " with the contents of the file named by AZURE_FEDERATED_TOKEN_FILE, read again for every token"
                    + " request (it rotates), or azure-identity's DefaultAzureCredential.";
        }
        Position at = node.getBegin().orElse(new Position(0, 0));
        notes.add(new RewriteNote(source.relativePath(), at.line, at.column, code, fix));
    }

    /** The offsets of one parsed file: every token is mapped to where it starts in the original text. */
    record JavaSource(String relativePath, String text, Map<JavaToken, Integer> offsets,
                      CompilationUnit unit) {

        static Optional<JavaSource> of(String relativePath, String text, int base, CompilationUnit unit) {
            Optional<TokenRange> range = unit.getTokenRange();
            if (range.isEmpty()) {
                return Optional.empty();
            }
            JavaToken first = range.get().getBegin();
            while (first.getPreviousToken().isPresent()) {
                first = first.getPreviousToken().get();
            }
            // About one token in four characters: sized once, not grown token by token.
            Map<JavaToken, Integer> offsets = new IdentityHashMap<>(text.length() / 4);
            int at = base;
            for (JavaToken token = first; token != null; token = token.getNextToken().orElse(null)) {
                if (at + token.getText().length() > text.length()
                        || !text.startsWith(token.getText(), at)) {
                    return Optional.empty();
                }
                offsets.put(token, at);
                at += token.getText().length();
            }
            return at == text.length() ? Optional.of(new JavaSource(relativePath, text, offsets, unit))
                    : Optional.empty();
        }

        int start(Node node) {
            return offsets.get(node.getTokenRange().orElseThrow().getBegin());
        }

        int end(Node node) {
            JavaToken last = node.getTokenRange().orElseThrow().getEnd();
            return offsets.get(last) + last.getText().length();
        }

        /** The line break the file uses. */
        String newline() {
            int lf = text.indexOf('\n');
            return lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
        }

        /**
         * Deletes {@code [start, end)}; when nothing but blanks shares its lines, the whole lines go (indent and line
         * break included), so no empty line is left behind.
         */
        TextEdit deleteLines(int start, int end) {
            int from = start;
            while (from > 0 && (text.charAt(from - 1) == ' ' || text.charAt(from - 1) == '\t')) {
                from--;
            }
            int to = end;
            while (to < text.length() && (text.charAt(to) == ' ' || text.charAt(to) == '\t')) {
                to++;
            }
            boolean lineStart = from == 0 || text.charAt(from - 1) == '\n';
            if (lineStart && text.startsWith("\r\n", to)) {
                return TextEdit.delete(from, to + 2);
            }
            if (lineStart && (to == text.length() || text.charAt(to) == '\n')) {
                return TextEdit.delete(from, Math.min(text.length(), to + 1));
            }
            return TextEdit.delete(start, end);
        }

        /**
         * Where the {@code //} comment lines right above the line of {@code offset} start, so that a comment about a
         * removed statement goes with it; {@code offset} itself when there are none.
         */
        int startWithLineComments(int offset) {
            int start = offset;
            int line = lineStart(offset);
            while (line > 0 && text.substring(line, start).isBlank()) {
                int previous = lineStart(line - 1);
                if (!text.substring(previous, line).strip().startsWith("//")) {
                    break;
                }
                start = previous + (text.substring(previous, line).length() - text.substring(previous, line).stripLeading().length());
                line = previous;
            }
            return start;
        }

        /** The offset where the line after the one holding {@code offset} starts (or the end of the text). */
        int nextLineStart(int offset) {
            int lf = text.indexOf('\n', offset);
            return lf < 0 ? text.length() : lf + 1;
        }

        int lineStart(int offset) {
            return text.lastIndexOf('\n', offset - 1) + 1;
        }

        /** The dotted name an expression is written as ({@code a.b.C}); empty for anything else. */
        static Optional<String> dottedName(Expression expression) {
            if (expression instanceof NameExpr name) {
                return Optional.of(name.getNameAsString());
            }
            if (expression instanceof FieldAccessExpr access) {
                return dottedName(access.getScope()).map(scope -> scope + "." + access.getNameAsString());
            }
            return Optional.empty();
        }
    }

    static <T> Optional<T> enclosing(Node node, Class<T> type) {
        for (Node parent = node.getParentNode().orElse(null); parent != null;
             parent = parent.getParentNode().orElse(null)) {
            if (type.isInstance(parent)) {
                return Optional.of(type.cast(parent));
            }
        }
        return Optional.empty();
    }
}
