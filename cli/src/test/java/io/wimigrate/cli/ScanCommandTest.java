package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages for the inputs users get wrong. */
class ScanCommandTest {

    @TempDir
    Path work;

    @Test
    void versionAndHelp() {
        assertThat(Cli.inProject("--version").out()).startsWith("migrate (wimigrate) ");
        Cli help = Cli.inProject("scan", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--from-dump", "--all-contexts", "--fail-on-findings", "--list-secrets");
        assertThat(Cli.inProject("--help").out()).contains("Exit codes:", "3   scan: findings at or above");
    }

    @Test
    void completionScriptIsGenerated() {
        Cli completion = Cli.inProject("generate-completion");
        assertThat(completion.exitCode()).isZero();
        assertThat(completion.out()).contains("complete -F", "migrate");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli result = Cli.inProject("scan", "--frobnicate");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--frobnicate");
    }

    @Test
    void unknownOutputFormatIsAUsageError() {
        Cli result = Cli.inProject("scan", "--repo", "examples/repo", "-o", "xml");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("xml", "table, json, yaml, sarif");
    }

    @Test
    void contextAndAllContextsExcludeEachOther() {
        Cli result = Cli.inProject("scan", "--context", "a", "--all-contexts");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--context and --all-contexts");
    }

    @Test
    void missingDumpDirectoryIsNamed() {
        Cli result = Cli.run(work, "scan", "--from-dump", "no-such-dir");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--from-dump no-such-dir: not a directory");
    }

    @Test
    void malformedYamlInADumpNamesTheFileAndLine() throws Exception {
        Path dump = Files.createDirectories(work.resolve("dump"));
        Files.writeString(dump.resolve("broken.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: [unclosed\n");
        Cli result = Cli.run(work, "scan", "--from-dump", "dump");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("broken.yaml").containsPattern("line \\d+|:\\d+");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void binaryFileNamedYamlInADumpIsRefused() throws Exception {
        Path dump = Files.createDirectories(work.resolve("dump"));
        Files.write(dump.resolve("image.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 0, 1, 2});
        Cli result = Cli.run(work, "scan", "--from-dump", "dump");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("image.yaml");
    }

    @Test
    void kubeconfigPointingAtAClosedPortIsARuntimeFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path kubeconfig = work.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: closed
                  cluster: {server: "https://127.0.0.1:%d", insecure-skip-tls-verify: false}
                contexts:
                - name: closed
                  context: {cluster: closed, user: nobody}
                current-context: closed
                users:
                - name: nobody
                  user: {token: not-a-real-token}
                """.formatted(port));
        Cli result = Cli.run(work, "scan", "--kubeconfig", "kubeconfig");
        assertThat(result.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(result.err()).contains("127.0.0.1:" + port).contains("closed").doesNotContain("not-a-real-token");
    }

    @Test
    void unknownContextIsAUsageError() throws Exception {
        Path kubeconfig = work.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: a, cluster: {server: "https://127.0.0.1:1"}}]
                contexts: [{name: a, context: {cluster: a, user: a}}]
                users: [{name: a, user: {}}]
                current-context: a
                """);
        Cli result = Cli.run(work, "scan", "--kubeconfig", "kubeconfig", "--context", "nope");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("nope");
    }

    @Test
    void repoProblemsAreWarningsAndTheScanGoesOn() throws Exception {
        Path repo = Files.createDirectories(work.resolve("repo"));
        Files.createDirectories(repo.resolve("a"));
        Files.createSymbolicLink(repo.resolve("a/loop"), repo.resolve("a"));
        Files.createSymbolicLink(repo.resolve("dangling.yaml"), repo.resolve("missing-target.yaml"));
        Files.write(repo.resolve("latin1.properties"),
                "spring.cloud.azure.credential.client-id=caf\u00e9\n".getBytes("ISO-8859-1"));
        Cli result = Cli.run(work, "scan", "--repo", "repo", "-o", "json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("warning:").contains("loop").contains("dangling.yaml")
                .contains("latin1.properties");
    }

    @Test
    void failOnFindingsHonoursTheThreshold() throws Exception {
        Path repo = Files.createDirectories(work.resolve("repo"));
        Files.writeString(repo.resolve("requirements.txt"), "azure-identity==1.12.0\n");
        assertThat(Cli.run(work, "scan", "--repo", "repo").exitCode()).isZero();
        assertThat(Cli.run(work, "scan", "--repo", "repo", "--fail-on-findings").exitCode())
                .isEqualTo(ExitCode.FINDINGS);
        assertThat(Cli.run(work, "scan", "--repo", "repo", "--fail-on-findings=ERROR").exitCode()).isZero();
    }

    @Test
    void outFileIsWrittenAndStdoutStaysEmpty() throws Exception {
        Cli result = Cli.inProject("scan", "--repo", "examples/repo", "-o", "json",
                "--out", work.resolve("inventory.json").toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(Files.readString(work.resolve("inventory.json"))).startsWith("{\n  \"apiVersion\"");
    }
}
