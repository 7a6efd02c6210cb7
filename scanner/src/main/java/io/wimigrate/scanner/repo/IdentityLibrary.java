package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.model.Dependency;
import io.wimigrate.scanner.model.Rule;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Azure Identity library of each ecosystem and its first release with workload identity (Microsoft's migration
 * guide; the Java one is where WorkloadIdentityCredential arrived, 1.9.0 of 2023-05-08). The Java BOM entry is the
 * first azure-sdk-bom released after that (1.2.13, 2023-05-23), which manages azure-identity 1.9.0 or later.
 */
public enum IdentityLibrary {
    MAVEN("maven", "com.azure:azure-identity", "1.9.0"),
    MAVEN_BOM("maven", "com.azure:azure-sdk-bom", "1.2.13"),
    PYPI("pypi", "azure-identity", "1.13.0"),
    NPM("npm", "@azure/identity", "3.2.0"),
    GO("go", "github.com/Azure/azure-sdk-for-go/sdk/azidentity", "1.3.0"),
    NUGET("nuget", "Azure.Identity", "1.9.0");

    /** Versions, ranges and property references; no ':' or '/', so no URL or path. */
    private static final Pattern VERSION_TEXT = Pattern.compile("[\\w.*+!<>=~^,|()\\[\\]${}\\s-]{1,100}");

    private final String ecosystem;
    private final String libraryName;
    private final String minimum;

    IdentityLibrary(String ecosystem, String libraryName, String minimum) {
        this.ecosystem = ecosystem;
        this.libraryName = libraryName;
        this.minimum = minimum;
    }

    public String libraryName() {
        return libraryName;
    }

    public String minimum() {
        return minimum;
    }

    /** A declaration without a version: managed elsewhere (a BOM, central package management) or left open. */
    void unversioned(ScanReport report, RepoFile file, int line, int column) {
        declared(report, file, line, column, null, (Boolean) null);
    }

    /** A declaration whose version text (a version, a range) is read in the ecosystem's own way. */
    void declared(ScanReport report, RepoFile file, int line, int column, String declared, VersionRange range) {
        declared(report, file, line, column, declared, range.supports(minimum));
    }

    /**
     * Records the dependency; {@code declared} is null when the version is managed elsewhere or is no version at all
     * (a URL, a path), {@code supports} null when unknown. Only an explicitly declared old version is a finding, at the line that declares it.
     */
    void declared(ScanReport report, RepoFile file, int line, int column, String declared, Boolean supports) {
        if (declared != null && !VERSION_TEXT.matcher(declared).matches()) {
            // A URL or path (git+https://token@host/..., file:../x) is no version and may carry a credential.
            declared = null;
            supports = null;
        }
        report.dependency(new Dependency(report.at(file.relativePath(), line, column), ecosystem, libraryName, declared,
                minimum, supports));
        if (declared != null && Boolean.FALSE.equals(supports)) {
            report.finding(Rule.AZURE_IDENTITY_VERSION, file, line, column,
                    libraryName + " " + declared + " is older than " + minimum + ", the first with workload identity",
                    Map.of("ecosystem", ecosystem, "name", libraryName, "version", declared, "minimum", minimum));
        }
    }
}
