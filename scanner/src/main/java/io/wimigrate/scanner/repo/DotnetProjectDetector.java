package io.wimigrate.scanner.repo;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Azure.Identity} in MSBuild files: {@code PackageReference} in *.csproj (Version or VersionOverride as an
 * attribute or child element; none under central package management) and {@code PackageVersion} in
 * Directory.Packages.props. {@code $(Property)} versions are resolved from the same file's property groups.
 */
final class DotnetProjectDetector implements Detector {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\(([^)]+)\\)");

    @Override
    public boolean accepts(RepoFile file) {
        return (file.nameEndsWith(".csproj", ".fsproj", ".vbproj") || file.name().equals("Directory.Packages.props"))
                && file.text().toLowerCase(Locale.ROOT).contains("azure.identity");
    }

    @Override
    public void detect(RepoFile file, ScanReport report) {
        Optional<XmlElements> parsed = XmlElements.parseOrWarn(file, report);
        if (parsed.isEmpty()) {
            return;
        }
        XmlElements project = parsed.get();
        Map<String, String> properties = new HashMap<>();
        project.descendants("PropertyGroup").forEach(group -> group.children()
                .forEach(property -> properties.put(property.name(), property.text().toString().trim())));
        for (String elementName : new String[] {"PackageReference", "PackageVersion"}) {
            for (XmlElements reference : project.descendants(elementName)) {
                String include = reference.attributes().getOrDefault("Include",
                        reference.attributes().getOrDefault("Update", ""));
                if (include.equalsIgnoreCase(IdentityLibrary.NUGET.libraryName())) {
                    declare(reference, properties, file, report);
                }
            }
        }
    }

    private static void declare(XmlElements reference, Map<String, String> properties, RepoFile file,
                                ScanReport report) {
        String version = reference.attributes().get("VersionOverride");
        if (version == null) {
            version = reference.attributes().get("Version");
        }
        if (version == null) {
            version = reference.childText("VersionOverride") != null ? reference.childText("VersionOverride")
                    : reference.childText("Version");
        }
        if (version == null) {
            IdentityLibrary.NUGET.unversioned(report, file, reference.line(), reference.column());
            return;
        }
        Matcher property = PROPERTY.matcher(version.trim());
        if (property.matches() && properties.containsKey(property.group(1))) {
            version = properties.get(property.group(1));
        }
        // NuGet resolves a bare version to the lowest match, that version itself when it exists: read it as exact.
        Boolean supports = PROPERTY.matcher(version).find() ? null
                : VersionRange.ofMavenStyle(version).supports(IdentityLibrary.NUGET.minimum());
        IdentityLibrary.NUGET.declared(report, file, reference.line(), reference.column(), version, supports);
    }
}
