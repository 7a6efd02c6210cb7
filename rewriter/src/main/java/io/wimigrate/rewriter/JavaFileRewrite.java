package io.wimigrate.rewriter;

import static io.wimigrate.rewriter.JavaCredentialRecipe.IDENTITY;
import static io.wimigrate.rewriter.JavaCredentialRecipe.REPLACED_CREDENTIALS;
import static io.wimigrate.rewriter.JavaCredentialRecipe.enclosing;

import com.github.javaparser.Position;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import io.wimigrate.rewriter.JavaCredentialRecipe.JavaSource;
import io.wimigrate.scanner.repo.JavaImports;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The edits of {@link JavaCredentialRecipe} to one compilation unit, collected site by site. */
final class JavaFileRewrite {

    /** Builder calls that only say which service principal to be: workload identity takes them from the pod. */
    private static final Set<String> DROPPED_CALLS = Set.of("tenantId", "clientId", "clientSecret", "pemCertificate",
            "pfxCertificate", "clientCertificate", "clientCertificatePassword", "sendCertificateChain");

    private final JavaSource source;
    private final JavaImports imports;
    private final List<RewriteNote> notes;
    private final List<TextEdit> edits = new ArrayList<>();
    /** Nodes whose text the edits remove or replace. */
    private final List<Node> removed = new ArrayList<>();
    /** Simple names the replacements use, to be imported. */
    private final Set<String> importsNeeded = new TreeSet<>();
    /** Names the removed chains read (locals, fields, parameters that may have fed the secret). */
    private final Map<String, NameExpr> namesRead = new LinkedHashMap<>();

    private final ExplicitIdentity explicit;

    JavaFileRewrite(JavaSource source, JavaImports imports, List<RewriteNote> notes, ExplicitIdentity explicit) {
        this.source = source;
        this.imports = imports;
        this.notes = notes;
        this.explicit = explicit;
    }

    void replaceChain(ObjectCreationExpr creation, String builderType) {
        String builder = builderType.substring(IDENTITY.length());
        if (isRemoved(creation)) {
            return;
        }
        if (creation.getAnonymousClassBody().isPresent() || !creation.getArguments().isEmpty()) {
            note(creation, "java-builder-unusual", "A " + builder + " created with arguments or a class body;"
                    + " replace it with new DefaultAzureCredentialBuilder().build() by hand.");
            return;
        }
        List<MethodCallExpr> calls = callsOn(creation);
        if (!calls.isEmpty() && calls.get(calls.size() - 1).getNameAsString().equals("build")) {
            if (onlyDroppedCalls(calls.subList(0, calls.size() - 1), builder)) {
                replaceBuild(calls.get(calls.size() - 1), creation, builder, List.of(), calls);
            }
            return;
        }
        Node top = calls.isEmpty() ? creation : calls.get(calls.size() - 1);
        Optional<HeldBuilder> held = top.getParentNode().orElse(null) instanceof VariableDeclarator variable
                ? HeldBuilder.of(variable) : Optional.empty();
        if (held.isEmpty()) {
            note(creation, "java-builder-not-built-in-place", "This " + builder + " is not built in the same"
                    + " method it is made in, with only setter statements in between; replace it with"
                    + " new DefaultAzureCredentialBuilder().build() by hand.");
            return;
        }
        List<MethodCallExpr> allCalls = new ArrayList<>(calls);
        held.get().setters().forEach(statement -> allCalls.addAll(callsOn(
                statement.findFirst(NameExpr.class, held.get()::isVariable).orElseThrow())));
        if (onlyDroppedCalls(allCalls, builder)) {
            List<Node> statements = new ArrayList<>(held.get().setters());
            statements.add(held.get().declaration());
            replaceBuild(held.get().build(), creation, builder, statements, allCalls);
        }
    }

    private boolean onlyDroppedCalls(List<MethodCallExpr> calls, String builder) {
        for (MethodCallExpr call : calls) {
            if (!DROPPED_CALLS.contains(call.getNameAsString())) {
                note(call, "java-builder-option", "The " + builder + " chain also calls " + call.getNameAsString()
                        + "(..); DefaultAzureCredentialBuilder may need the same option: rewrite this chain by hand.");
                return false;
            }
        }
        return true;
    }

    /** The calls chained onto {@code receiver}, innermost first: {@code new B().a().b()} gives a, b. */
    private static List<MethodCallExpr> callsOn(Expression receiver) {
        List<MethodCallExpr> calls = new ArrayList<>();
        Node current = receiver;
        while (current.getParentNode().orElse(null) instanceof MethodCallExpr call
                && call.getScope().orElse(null) == current) {
            calls.add(call);
            current = call;
        }
        return calls;
    }

    /**
     * A builder kept in a local variable: declared alone in a statement of a block, then only given setter statements
     * ({@code b.clientId(..);}) in blocks of the same method, and built exactly once ({@code b.build()}).
     */
    private record HeldBuilder(String name, Node declaration, List<ExpressionStmt> setters, MethodCallExpr build) {

        static Optional<HeldBuilder> of(VariableDeclarator variable) {
            String name = variable.getNameAsString();
            Optional<CallableDeclaration<?>> callable = enclosing(variable, CallableDeclaration.class)
                    .map(method -> (CallableDeclaration<?>) method);
            Node declaration = variable.getParentNode().orElseThrow();
            Node statement = declaration.getParentNode().orElse(null);
            if (callable.isEmpty() || !(declaration instanceof VariableDeclarationExpr local)
                    || local.getVariables().size() != 1 || !(statement instanceof ExpressionStmt)
                    || !(statement.getParentNode().orElse(null) instanceof BlockStmt)
                    || callable.get().findAll(VariableDeclarator.class, v -> v.getNameAsString().equals(name)).size() != 1) {
                return Optional.empty();
            }
            List<ExpressionStmt> setters = new ArrayList<>();
            List<MethodCallExpr> builds = new ArrayList<>();
            for (NameExpr use : callable.get().findAll(NameExpr.class, n -> n.getNameAsString().equals(name))) {
                List<MethodCallExpr> calls = callsOn(use);
                if (calls.isEmpty()) {
                    return Optional.empty();
                }
                MethodCallExpr last = calls.get(calls.size() - 1);
                if (last.getNameAsString().equals("build") && calls.size() == 1) {
                    builds.add(last);
                } else if (last.getParentNode().orElse(null) instanceof ExpressionStmt setter
                        && setter.getParentNode().orElse(null) instanceof BlockStmt
                        && calls.stream().noneMatch(call -> call.getNameAsString().equals("build"))) {
                    setters.add(setter);
                } else {
                    return Optional.empty();
                }
            }
            return builds.size() == 1 ? Optional.of(new HeldBuilder(name, statement, setters, builds.get(0)))
                    : Optional.empty();
        }

        boolean isVariable(NameExpr use) {
            return use.getNameAsString().equals(name) && callsOn(use).size() > 0;
        }
    }

    /**
     * Replaces the {@code build()} call with a new DefaultAzureCredentialBuilder, deletes the statements that only
     * configured the builder, and lets the declared type of the credential follow.
     */
    private void replaceBuild(MethodCallExpr built, ObjectCreationExpr creation, String builder,
                              List<Node> deletedStatements, List<MethodCallExpr> calls) {
        Optional<Type> receiving = receivingType(built, builder);
        if (receiving == null) {
            return;
        }
        boolean qualified = creation.getType().getScope().isPresent();
        edits.add(new TextEdit(source.start(built), source.end(built),
                "new " + typeName("DefaultAzureCredentialBuilder", qualified) + "()" + explicitClientId(built, calls)
                        + ".build()"));
        removed.add(built);
        for (Node statement : deletedStatements) {
            edits.add(source.deleteLines(source.start(statement), source.end(statement)));
            removed.add(statement);
        }
        receiving.filter(type -> type instanceof ClassOrInterfaceType)
                .map(ClassOrInterfaceType.class::cast)
                .filter(type -> REPLACED_CREDENTIALS.contains(imports.resolveType(type.getNameWithScope())))
                .ifPresent(type -> {
                    edits.add(new TextEdit(source.start(type), source.end(type),
                            typeName("DefaultAzureCredential", type.getScope().isPresent())));
                    removed.add(type);
                    noteVisibleTypeChange(type);
                });
        for (MethodCallExpr call : calls) {
            call.getArguments().forEach(argument -> argument.findAll(NameExpr.class)
                    .forEach(name -> namesRead.putIfAbsent(name.getNameAsString(), name)));
            if (call.getNameAsString().equals("clientId") && !readsEnvironment(call.getArgument(0), "AZURE_CLIENT_ID")) {
                note(call, "java-client-id", "The removed " + builder + " took its client id from somewhere other"
                        + " than AZURE_CLIENT_ID. Workload identity uses the client id of the service account"
                        + " annotation (injected as AZURE_CLIENT_ID); if this code must use another identity, add"
                        + " .workloadIdentityClientId(..) to the DefaultAzureCredentialBuilder.");
            }
        }
    }

    /**
     * {@code .workloadIdentityClientId("..")} when the plan says this workload holds more than one identity and the
     * removed chain was the service principal's own (its client id from AZURE_CLIENT_ID, or none given); a note
     * instead while that client id is known only after apply.
     */
    private String explicitClientId(MethodCallExpr built, List<MethodCallExpr> calls) {
        boolean ownServicePrincipal = calls.stream().filter(call -> call.getNameAsString().equals("clientId"))
                .allMatch(call -> readsEnvironment(call.getArgument(0), "AZURE_CLIENT_ID"));
        if (explicit == null || !ownServicePrincipal) {
            return "";
        }
        if (explicit.clientId() == null) {
            note(built, "java-workload-identity-client-id", explicit.workload() + " holds more than one identity;"
                    + " this credential's service principal is replaced by " + explicit.identity() + ", whose client"
                    + " id is known once migrate apply has run step " + explicit.step() + ": add"
                    + " .workloadIdentityClientId(\"<that client id>\") before .build(), or the credential gets the"
                    + " ServiceAccount's identity.");
            return "";
        }
        return ".workloadIdentityClientId(\"" + explicit.clientId() + "\")";
    }

    /**
     * The declared type the built credential goes into, when one must follow the new credential type; empty when
     * none needs to; null (after a note) when the target cannot be told safely.
     */
    private Optional<Type> receivingType(Expression built, String builder) {
        Node parent = built.getParentNode().orElse(null);
        if (parent instanceof VariableDeclarator variable) {
            return singleDeclared(variable, builder);
        }
        if (parent instanceof ReturnStmt) {
            Optional<Node> owner = enclosingCallableOrLambda(parent);
            return owner.filter(MethodDeclaration.class::isInstance)
                    .map(method -> ((MethodDeclaration) method).getType());
        }
        if (parent instanceof AssignExpr assign && assign.getValue() == built) {
            Optional<String> target = JavaSource.dottedName(assign.getTarget())
                    .or(() -> assign.getTarget() instanceof FieldAccessExpr access
                            && access.getScope() instanceof ThisExpr ? Optional.of(access.getNameAsString())
                            : Optional.empty());
            List<VariableDeclarator> declarations = target.map(name -> source.unit().findAll(VariableDeclarator.class,
                    variable -> variable.getNameAsString().equals(name))).orElse(List.of());
            if (declarations.size() == 1) {
                return singleDeclared(declarations.get(0), builder);
            }
            note(built, "java-assigned-credential", "The built " + builder + " is assigned to a variable whose"
                    + " declaration is not clear from this file; replace it with"
                    + " new DefaultAzureCredentialBuilder().build() by hand.");
            return null;
        }
        return Optional.empty();
    }

    private Optional<Type> singleDeclared(VariableDeclarator variable, String builder) {
        Node declaration = variable.getParentNode().orElseThrow();
        NodeList<VariableDeclarator> all = declaration instanceof VariableDeclarationExpr local ? local.getVariables()
                : declaration instanceof FieldDeclaration field ? field.getVariables() : NodeList.nodeList(variable);
        if (all.size() > 1 && REPLACED_CREDENTIALS.contains(imports.resolveType(variable.getTypeAsString()))) {
            note(variable, "java-shared-declaration", "The built " + builder + " is declared together with other"
                    + " variables of its type; split the declaration, then run again.");
            return null;
        }
        return Optional.of(variable.getType());
    }

    /** Code in other files may still expect the old type from a method or field they can see. */
    private void noteVisibleTypeChange(ClassOrInterfaceType type) {
        Node owner = type.getParentNode().orElseThrow();
        Node member = owner instanceof VariableDeclarator variable ? variable.getParentNode().orElseThrow() : owner;
        boolean visible = member instanceof MethodDeclaration method ? !method.isPrivate()
                : member instanceof FieldDeclaration field && !field.isPrivate();
        if (visible) {
            note(type, "java-visible-type-changed", "The type of this " + (member instanceof MethodDeclaration
                    ? "method's result" : "field") + " is now DefaultAzureCredential; code elsewhere that expects "
                    + type.getNameAsString() + " from it must change too (TokenCredential fits both).");
        }
    }

    private static Optional<Node> enclosingCallableOrLambda(Node node) {
        for (Node parent = node.getParentNode().orElse(null); parent != null;
             parent = parent.getParentNode().orElse(null)) {
            if (parent instanceof CallableDeclaration<?> || parent instanceof LambdaExpr) {
                return Optional.of(parent);
            }
        }
        return Optional.empty();
    }

    /** The edits of the file: the chains so far, then the locals, fields and imports they leave unused. */
    List<TextEdit> finish() {
        if (edits.isEmpty()) {
            return List.of();
        }
        namesRead.values().forEach(this::removeIfOnlyFedTheCredential);
        removeUnusedImports();
        addImports();
        return edits;
    }

    private void removeIfOnlyFedTheCredential(NameExpr use) {
        String name = use.getNameAsString();
        Optional<CallableDeclaration<?>> callable = enclosing(use, CallableDeclaration.class)
                .map(method -> (CallableDeclaration<?>) method);
        Optional<Parameter> parameter = callable.flatMap(method -> method.getParameters()
                .stream().filter(p -> p.getNameAsString().equals(name)).findFirst());
        if (parameter.isPresent()) {
            if (callable.get().findAll(NameExpr.class, other -> other.getNameAsString().equals(name) && !isRemoved(other))
                    .isEmpty()) {
                note(parameter.get(), "java-secret-parameter", "Parameter " + name + " fed the removed credential;"
                        + " it is no longer used here: remove it and what callers pass by hand.");
            }
            return;
        }
        List<VariableDeclarator> locals = callable.map(method -> method.findAll(VariableDeclarator.class,
                variable -> variable.getNameAsString().equals(name)
                        && variable.getParentNode().orElse(null) instanceof VariableDeclarationExpr))
                .orElse(List.of());
        if (locals.size() == 1) {
            removeIfUnused(locals.get(0), callable.get(), false);
            return;
        }
        if (!locals.isEmpty()) {
            return;
        }
        enclosing(use, TypeDeclaration.class).ifPresent(type -> ((TypeDeclaration<?>) type).getFields().stream()
                .flatMap(field -> field.getVariables().stream())
                .filter(variable -> variable.getNameAsString().equals(name))
                .findFirst()
                .ifPresent(variable -> removeIfUnused(variable, type, true)));
    }

    private void removeIfUnused(VariableDeclarator variable, Node scope, boolean field) {
        String name = variable.getNameAsString();
        long uses = scope.findAll(NameExpr.class, use -> use.getNameAsString().equals(name) && !isRemoved(use)).size();
        if (field) {
            uses += scope.findAll(FieldAccessExpr.class, access -> access.getNameAsString().equals(name)
                    && access.getScope() instanceof ThisExpr && !isRemoved(access)).size();
        }
        Node declaration = variable.getParentNode().orElseThrow();
        Node statement = field ? declaration : declaration.getParentNode().orElse(null);
        boolean removable = uses == 0 && variable.getInitializer().map(JavaFileRewrite::isInert).orElse(true)
                && (field ? declaration instanceof FieldDeclaration f && f.isPrivate() && f.getVariables().size() == 1
                        && !lombokUses(f)
                    : statement instanceof ExpressionStmt
                        && ((VariableDeclarationExpr) declaration).getVariables().size() == 1);
        if (removable) {
            edits.add(source.deleteLines(source.startWithLineComments(source.start(statement)), source.end(statement)));
            removed.add(statement);
        } else {
            note(variable, "java-secret-variable-kept", (field ? "Field " : "Variable ") + name + " fed the removed"
                    + " credential and is kept (" + (uses > 0 ? "still used" : "not provably safe to remove")
                    + "); remove it, and the secret behind it, once nothing needs it.");
        }
    }

    /**
     * Lombok writes constructors, accessors and builders from fields (its annotations on the field or its class):
     * removing such a field changes code this file does not show, such as a constructor's parameters.
     */
    private boolean lombokUses(FieldDeclaration field) {
        NodeList<AnnotationExpr> annotations = new NodeList<>(field.getAnnotations());
        field.getParentNode().filter(TypeDeclaration.class::isInstance)
                .ifPresent(type -> annotations.addAll(((TypeDeclaration<?>) type).getAnnotations()));
        return annotations.stream().anyMatch(annotation -> imports.resolveType(annotation.getNameAsString())
                .startsWith("lombok.") || imports.onDemandPackages().contains("lombok"));
    }

    /** An initializer that can go without changing behaviour: a literal, a name, or a read of the environment. */
    private static boolean isInert(Expression initializer) {
        if (initializer instanceof LiteralExpr || initializer instanceof NameExpr) {
            return true;
        }
        if (initializer instanceof MethodCallExpr call
                && call.getArguments().stream().allMatch(a -> a instanceof LiteralExpr || a instanceof NameExpr)) {
            String scope = call.getScope().map(Object::toString).orElse("");
            return (scope.equals("System") || scope.equals("java.lang.System") || scope.isEmpty())
                    && (call.getNameAsString().equals("getenv") || call.getNameAsString().equals("getProperty"));
        }
        return false;
    }

    /**
     * True when {@code argument} reads that environment variable, directly or through a local or field of the
     * enclosing class initialised so.
     */
    private static boolean readsEnvironment(Expression argument, String variable) {
        if (argument instanceof NameExpr name) {
            String written = name.getNameAsString();
            List<VariableDeclarator> declared = enclosing(name, CallableDeclaration.class)
                    .map(method -> method.findAll(VariableDeclarator.class, v -> v.getNameAsString().equals(written)))
                    .filter(locals -> !locals.isEmpty())
                    .or(() -> enclosing(name, TypeDeclaration.class).map(type -> ((TypeDeclaration<?>) type)
                            .getFields().stream().flatMap(field -> field.getVariables().stream())
                            .filter(v -> v.getNameAsString().equals(written)).toList()))
                    .orElse(List.of());
            return declared.size() == 1 && declared.get(0).getInitializer()
                    .filter(initializer -> readsEnvironment(initializer, variable)).isPresent();
        }
        return argument instanceof MethodCallExpr call && call.getNameAsString().equals("getenv")
                && call.getArguments().size() == 1 && call.getArgument(0).isStringLiteralExpr()
                && call.getArgument(0).asStringLiteralExpr().getValue().equals(variable);
    }

    /** Imports only the removed code used: a type or static member no code outside the removed text names. */
    private void removeUnusedImports() {
        Set<String> typesInRemoved = new TreeSet<>();
        Set<String> membersInRemoved = new TreeSet<>();
        for (Node node : removed) {
            collectNames(node, typesInRemoved, membersInRemoved);
        }
        for (ImportDeclaration declaration : source.unit().getImports()) {
            if (declaration.isAsterisk()) {
                continue;
            }
            String name = declaration.getName().getIdentifier();
            boolean candidate = declaration.isStatic() ? membersInRemoved.contains(name) : typesInRemoved.contains(name);
            if (candidate && !usedOutsideRemoved(name) && !mentionedInComments(name)) {
                edits.add(source.deleteLines(source.start(declaration), source.end(declaration)));
            }
        }
    }

    private static void collectNames(Node node, Set<String> types, Set<String> members) {
        if (node instanceof ClassOrInterfaceType type) {
            types.add(firstSegment(type));
        }
        node.findAll(ClassOrInterfaceType.class).forEach(type -> types.add(firstSegment(type)));
        node.findAll(NameExpr.class).forEach(name -> {
            types.add(name.getNameAsString());
            members.add(name.getNameAsString());
        });
        node.findAll(MethodCallExpr.class, call -> call.getScope().isEmpty())
                .forEach(call -> members.add(call.getNameAsString()));
    }

    private static String firstSegment(ClassOrInterfaceType type) {
        String written = type.getNameWithScope();
        int dot = written.indexOf('.');
        return dot < 0 ? written : written.substring(0, dot);
    }

    private boolean usedOutsideRemoved(String name) {
        Node unit = source.unit();
        return !unit.findAll(ClassOrInterfaceType.class, type -> firstSegment(type).equals(name) && !isRemoved(type))
                .isEmpty()
                || !unit.findAll(NameExpr.class, use -> use.getNameAsString().equals(name) && !isRemoved(use)).isEmpty()
                || !unit.findAll(MethodCallExpr.class, call -> call.getScope().isEmpty()
                        && call.getNameAsString().equals(name) && !isRemoved(call)).isEmpty()
                || !unit.findAll(Name.class, written -> written.getIdentifier().equals(name)
                        && enclosing(written, ImportDeclaration.class).isEmpty() && !isRemoved(written)).isEmpty();
    }

    /** A Javadoc {@code {@link X}} needs the import too. */
    private boolean mentionedInComments(String name) {
        Pattern word = Pattern.compile("\\b" + name + "\\b");
        return source.unit().getAllComments().stream().map(Comment::getContent)
                .anyMatch(content -> content.contains(name) && word.matcher(content).find());
    }

    private boolean isRemoved(Node node) {
        int start = source.start(node);
        int end = source.end(node);
        return removed.stream().anyMatch(r -> source.start(r) <= start && end <= source.end(r));
    }

    private void addImports() {
        String packageName = source.unit().getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        List<ImportDeclaration> typeImports = source.unit().getImports().stream().filter(i -> !i.isStatic()).toList();
        for (String simple : importsNeeded) {
            String qualified = IDENTITY + simple;
            boolean present = packageName.equals("com.azure.identity") || source.unit().getImports().stream()
                    .anyMatch(i -> !i.isStatic() && (i.isAsterisk() ? i.getNameAsString().equals("com.azure.identity")
                            : i.getNameAsString().equals(qualified)));
            if (present) {
                continue;
            }
            String statement = "import " + qualified + ";";
            Optional<ImportDeclaration> after = typeImports.stream()
                    .filter(i -> i.getNameAsString().compareTo(qualified) > 0).findFirst();
            if (after.isPresent()) {
                edits.add(insertBefore(source.start(after.get()), statement));
            } else if (!typeImports.isEmpty()) {
                edits.add(insertAfter(source.end(typeImports.get(typeImports.size() - 1)), statement));
            } else if (!source.unit().getImports().isEmpty()) {
                edits.add(insertBefore(source.start(source.unit().getImports().get(0)), statement));
            } else if (source.unit().getPackageDeclaration().isPresent()) {
                edits.add(insertAfter(source.end(source.unit().getPackageDeclaration().get()),
                        source.newline() + statement));
            } else {
                edits.add(TextEdit.insert(source.text().startsWith("\uFEFF") ? 1 : 0, statement + source.newline()
                        + source.newline()));
            }
        }
    }

    /**
     * {@code lines} on lines of their own before {@code offset}: at the start of its line, unless code shares that line
     * (then in front of {@code offset}, so the insertion never lands inside another edit).
     */
    private TextEdit insertBefore(int offset, String lines) {
        int lineStart = source.lineStart(offset);
        return source.text().substring(lineStart, offset).isBlank()
                ? TextEdit.insert(lineStart, lines + source.newline())
                : TextEdit.insert(offset, lines + source.newline());
    }

    /**
     * {@code lines} on lines of their own after {@code offset}: at the start of the next line when nothing but blanks
     * or a line comment follows on its line, else right behind {@code offset}.
     */
    private TextEdit insertAfter(int offset, String lines) {
        int next = source.nextLineStart(offset);
        String rest = source.text().substring(offset, next).strip();
        return rest.isEmpty() || rest.startsWith("//") && !rest.contains("\r")
                ? TextEdit.insert(next, (next == source.text().length() && !source.text().endsWith("\n")
                        ? source.newline() : "") + lines + source.newline())
                : TextEdit.insert(offset, source.newline() + lines);
    }

    private String typeName(String simple, boolean qualified) {
        if (qualified) {
            return IDENTITY + simple;
        }
        importsNeeded.add(simple);
        return simple;
    }

    private void note(Node node, String code, String message) {
        Position at = node.getBegin().orElse(new Position(0, 0));
        notes.add(new RewriteNote(source.relativePath(), at.line, at.column, code, message));
    }
}
