package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.wimigrate.scanner.model.Dependency;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotnetProjectDetectorTest {

    @TempDir
    Path root;

    @Test
    void csprojAttributeChildElementAndProperty() {
        ScanReport report = new DetectorRun(root).write("src/Api/Api.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <IdentityVersion>1.10.4</IdentityVersion>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Azure.Identity" Version="1.8.0" />
                    <PackageReference Include="azure.identity">
                      <Version>$(IdentityVersion)</Version>
                    </PackageReference>
                    <PackageReference Include="Azure.Identity.Broker" Version="1.0.0" />
                  </ItemGroup>
                </Project>
                """).run(new DotnetProjectDetector(), "src/Api/Api.csproj");

        assertThat(report.dependencies()).extracting(Dependency::version, Dependency::supportsWorkloadIdentity)
                .containsExactly(tuple("1.8.0", false), tuple("1.10.4", true));
        assertThat(DetectorRun.lines(report)).containsExactly("azure-identity-version@src/Api/Api.csproj:6");
    }

    @Test
    void centralPackageManagement() {
        DetectorRun run = new DetectorRun(root)
                .write("Directory.Packages.props", """
                        <Project>
                          <ItemGroup>
                            <PackageVersion Include="Azure.Identity" Version="1.6.0" />
                          </ItemGroup>
                        </Project>
                        """)
                .write("src/App/App.csproj", """
                        <Project Sdk="Microsoft.NET.Sdk">
                          <ItemGroup><PackageReference Include="Azure.Identity" /></ItemGroup>
                        </Project>
                        """);
        ScanReport report = run.run(new DotnetProjectDetector(), "Directory.Packages.props", "src/App/App.csproj");

        assertThat(report.dependencies()).extracting(Dependency::version, Dependency::supportsWorkloadIdentity)
                .containsExactly(tuple("1.6.0", false), tuple(null, null));
        assertThat(DetectorRun.lines(report)).containsExactly("azure-identity-version@Directory.Packages.props:3");
    }
}
