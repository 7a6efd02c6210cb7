package io.wimigrate.scanner.repo;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Problem;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.visitor.VoidVisitorAdapter;
import io.wimigrate.scanner.model.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Java code that builds a credential pod identity or a service-principal secret stands behind. Names are resolved
 * through the file's imports (single-type, on-demand and static) or written fully qualified, so a same-named class of
 * another package never matches.
 */
final class JavaCredentialDetector implements Detector {

    private static final String IDENTITY = "com.azure.identity.";
    private static final String TRACK1 = "com.microsoft.azure.credentials.";
    private static final String ADAL = "com.microsoft.aad.adal4j.";
    private static final String MSAL_FACTORY = "com.microsoft.aad.msal4j.ClientCredentialFactory";

    /** Types whose construction is a finding by itself. */
    private static final Map<String, Rule> CREATED_TYPES = Map.of(
            IDENTITY + "ClientSecretCredentialBuilder", Rule.JAVA_CLIENT_SECRET_CREDENTIAL,
            IDENTITY + "ClientSecretCredential", Rule.JAVA_CLIENT_SECRET_CREDENTIAL,
            IDENTITY + "ClientCertificateCredentialBuilder", Rule.JAVA_CLIENT_CERTIFICATE_CREDENTIAL,
            IDENTITY + "ClientCertificateCredential", Rule.JAVA_CLIENT_CERTIFICATE_CREDENTIAL,
            IDENTITY + "EnvironmentCredentialBuilder", Rule.JAVA_ENVIRONMENT_CREDENTIAL,
            IDENTITY + "EnvironmentCredential", Rule.JAVA_ENVIRONMENT_CREDENTIAL,
            TRACK1 + "ApplicationTokenCredentials", Rule.JAVA_TRACK1_CREDENTIAL,
            TRACK1 + "MSICredentials", Rule.JAVA_TRACK1_CREDENTIAL);

    private static final String MANAGED_IDENTITY_BUILDER = IDENTITY + "ManagedIdentityCredentialBuilder";

    /** Each holds "Credential": one pass for that spares most files a pass per class. */
    private static final String[] CREDENTIAL_CLASSES = {"ClientSecretCredential", "ClientCertificateCredential",
        "EnvironmentCredential", "ManagedIdentityCredentialBuilder", "ApplicationTokenCredentials", "MSICredentials"};
    private static final String[] OTHER_TOKENS = {"createFromSecret", "adal4j"};

    private static boolean isTarget(String qualifiedName) {
        return CREATED_TYPES.containsKey(qualifiedName) || qualifiedName.equals(MANAGED_IDENTITY_BUILDER)
                || qualifiedName.equals(MSAL_FACTORY) || qualifiedName.startsWith(ADAL);
    }

    // RAW: the newest grammar without the language-level validators, which walk the whole tree once per rule and
    // were a third of the repo scan's parsing time; a scan only needs the tree, not a compiler's verdict on it.
    // A JavaParser is not thread-safe: one per worker.
    private final ThreadLocal<JavaParser> parser = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)
                    .setAttributeComments(false)));

    @Override
    public boolean accepts(RepoFile file) {
        return file.nameEndsWith(".java") && (file.contains("Credential") && file.containsAny(CREDENTIAL_CLASSES)
                || file.containsAny(OTHER_TOKENS));
    }

    @Override
    public boolean concurrent() {
        return true;
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        ParseResult<CompilationUnit> result = parser.get().parse(file.text());
        Optional<CompilationUnit> unit = result.getResult();
        if (!result.isSuccessful() || unit.isEmpty()) {
            // The parser's message quotes source text, which may hold a secret: report the position only.
            Position at = result.getProblems().stream().findFirst()
                    .flatMap(Problem::getLocation).flatMap(TokenRange::toRange).map(range -> range.begin)
                    .orElse(new Position(0, 0));
            report.warning(file.relativePath(), at.line, at.column,
                    "Java source does not parse; it was not checked for credential code.");
            return;
        }
        JavaImports imports = JavaImports.of(unit.get(), JavaCredentialDetector::isTarget);
        unit.get().accept(new CredentialVisitor(imports, file, report), null);
    }

    private static final class CredentialVisitor extends VoidVisitorAdapter<Void> {
        private final JavaImports imports;
        private final RepoFile file;
        private final ScanReport report;

        CredentialVisitor(JavaImports imports, RepoFile file, ScanReport report) {
            this.imports = imports;
            this.file = file;
            this.report = report;
        }

        @Override
        public void visit(ObjectCreationExpr creation, Void arg) {
            super.visit(creation, arg);
            String type = imports.resolveType(creation.getType().getNameWithScope());
            List<String> chain = builderChain(creation);
            Rule rule = CREATED_TYPES.get(type);
            if (rule == null && type.equals(MANAGED_IDENTITY_BUILDER) && chain.contains("clientId")) {
                rule = Rule.JAVA_MANAGED_IDENTITY_CLIENT_ID;
            }
            if (rule == null && type.startsWith(ADAL)) {
                rule = Rule.JAVA_ADAL;
            }
            if (rule != null) {
                report(rule, creation, type, chain);
            }
        }

        @Override
        public void visit(MethodCallExpr call, Void arg) {
            super.visit(call, arg);
            String owner = call.getScope().isPresent()
                    ? qualifiedName(call.getScope().get()).map(imports::resolveType).orElse("")
                    : imports.resolveStaticMethod(call.getNameAsString());
            if (owner.equals(MSAL_FACTORY) && call.getNameAsString().equals("createFromSecret")) {
                report(Rule.JAVA_MSAL_CLIENT_SECRET, call, owner + ".createFromSecret", List.of());
            } else if (owner.startsWith(TRACK1) && CREATED_TYPES.get(owner) == Rule.JAVA_TRACK1_CREDENTIAL) {
                report(Rule.JAVA_TRACK1_CREDENTIAL, call, owner + "." + call.getNameAsString(), List.of());
            } else if (owner.startsWith(ADAL)) {
                report(Rule.JAVA_ADAL, call, owner + "." + call.getNameAsString(), List.of());
            }
        }

        private void report(Rule rule, Node node, String symbol, List<String> chain) {
            Map<String, String> evidence = new LinkedHashMap<>();
            evidence.put("symbol", symbol);
            enclosing(node, TypeDeclaration.class).ifPresent(type -> evidence.put("class", type.getNameAsString()));
            enclosing(node, CallableDeclaration.class)
                    .ifPresent(method -> evidence.put("method", method.getNameAsString()));
            if (!chain.isEmpty()) {
                evidence.put("chain", String.join(",", chain));
            }
            Position begin = node.getBegin().orElse(new Position(0, 0));
            report.finding(rule, file, begin.line, begin.column, rule.title() + " (" + symbol + ")", evidence);
        }
    }

    /**
     * Names of the methods called on a freshly created object, in call order: {@code new B().a(x).b(y)} gives a, b.
     * When the object goes into a local variable or field, the calls on that name in the enclosing method (or class)
     * follow, so {@code var b = new B(); b.clientId(id);} counts too.
     */
    private static List<String> builderChain(ObjectCreationExpr created) {
        List<String> chain = new ArrayList<>();
        Node top = collectCalls(created, chain);
        if (top.getParentNode().orElse(null) instanceof VariableDeclarator variable) {
            String name = variable.getNameAsString();
            Optional<Node> scope = enclosing(variable, CallableDeclaration.class).map(Node.class::cast)
                    .or(() -> enclosing(variable, TypeDeclaration.class));
            scope.ifPresent(body -> body.findAll(NameExpr.class, use -> use.getNameAsString().equals(name))
                    .forEach(use -> collectCalls(use, chain)));
        }
        return chain;
    }

    /** Adds the calls chained onto {@code receiver}; returns the outermost expression of the chain. */
    private static Node collectCalls(Expression receiver, List<String> chain) {
        Node current = receiver;
        while (current.getParentNode().orElse(null) instanceof MethodCallExpr call
                && call.getScope().orElse(null) == current) {
            chain.add(call.getNameAsString());
            current = call;
        }
        return current;
    }

    /**
     * The dotted name a receiver is written as ({@code a.b.C}), empty for any other expression: evidence is built
     * from it, and other expressions may hold literals.
     */
    private static Optional<String> qualifiedName(Expression expression) {
        if (expression instanceof NameExpr name) {
            return Optional.of(name.getNameAsString());
        }
        if (expression instanceof FieldAccessExpr access) {
            return qualifiedName(access.getScope()).map(scope -> scope + "." + access.getNameAsString());
        }
        return Optional.empty();
    }

    /** The nearest ancestor of that type (JavaParser's findAncestor takes generic varargs, which javac warns about). */
    private static <T> Optional<T> enclosing(Node node, Class<T> type) {
        for (Node parent = node.getParentNode().orElse(null); parent != null; parent = parent.getParentNode().orElse(null)) {
            if (type.isInstance(parent)) {
                return Optional.of(type.cast(parent));
            }
        }
        return Optional.empty();
    }
}
