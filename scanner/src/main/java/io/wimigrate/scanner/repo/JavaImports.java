package io.wimigrate.scanner.repo;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.PackageDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Resolves the simple names of one compilation unit the way javac does, as far as one file tells: types declared in
 * the file, then single-type imports, then on-demand imports (only for names {@code known} to live there, since the
 * file alone cannot list a package), else the file's own package.
 */
public record JavaImports(String packageName, Set<String> declaredTypes, Map<String, String> singleTypes,
                   List<String> onDemandPackages, Map<String, String> staticMembers, List<String> staticOnDemandTypes,
                   Predicate<String> known) {

    public static JavaImports of(CompilationUnit unit, Predicate<String> known) {
        Set<String> declared = new HashSet<>();
        unit.findAll(TypeDeclaration.class).forEach(type -> declared.add(type.getNameAsString()));
        Map<String, String> singleTypes = new HashMap<>();
        List<String> onDemand = new ArrayList<>();
        Map<String, String> staticMembers = new HashMap<>();
        List<String> staticOnDemand = new ArrayList<>();
        for (ImportDeclaration declaration : unit.getImports()) {
            String name = declaration.getNameAsString();
            if (declaration.isStatic() && declaration.isAsterisk()) {
                staticOnDemand.add(name);
            } else if (declaration.isStatic()) {
                staticMembers.put(declaration.getName().getIdentifier(),
                        declaration.getName().getQualifier().map(Object::toString).orElse(""));
            } else if (declaration.isAsterisk()) {
                onDemand.add(name);
            } else {
                singleTypes.put(declaration.getName().getIdentifier(), name);
            }
        }
        String packageName = unit.getPackageDeclaration().map(PackageDeclaration::getNameAsString).orElse("");
        return new JavaImports(packageName, declared, singleTypes, onDemand, staticMembers, staticOnDemand, known);
    }

    /** The qualified name a type name written in this file denotes; {@code a.b.C} and {@code Outer.Inner} included. */
    public String resolveType(String written) {
        int dot = written.indexOf('.');
        String first = dot < 0 ? written : written.substring(0, dot);
        String rest = dot < 0 ? "" : written.substring(dot);
        if (declaredTypes.contains(first)) {
            return qualify(packageName, written);
        }
        String imported = singleTypes.get(first);
        if (imported != null) {
            return imported + rest;
        }
        for (String onDemandPackage : onDemandPackages) {
            if (known.test(onDemandPackage + "." + first)) {
                return onDemandPackage + "." + written;
            }
        }
        // A lower-case first segment reads as a package: the name is already qualified.
        return dot > 0 && Character.isLowerCase(first.charAt(0)) ? written : qualify(packageName, written);
    }

    /** The qualified type a statically imported method named {@code method} belongs to, or "" when none. */
    public String resolveStaticMethod(String method) {
        String owner = staticMembers.get(method);
        if (owner != null) {
            return owner;
        }
        return staticOnDemandTypes.stream().filter(known).findFirst().orElse("");
    }

    private static String qualify(String packageName, String name) {
        return packageName.isEmpty() ? name : packageName + "." + name;
    }
}
