package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants canary secret values wherever a secret can sit (Secret data, literal env, Java source, Spring config,
 * manifests, Helm values, Python) and asserts that no output of scan (every format, with or without --list-secrets),
 * plan (plan.yaml, plan.md) or rewrite (patch, table, JSON), on stdout, stderr or in a written file, ever carries one,
 * nor any failure message, with or without --debug. {@link CanaryExecutionTest} does the same for apply, verify,
 * status and rollback on a live cluster, with the journal (local and in-cluster) and the Secret backups.
 */
class CanaryTest {

    private static final List<String> CANARIES = List.of(
            "wimigrate-canary-secret-data", "wimigrate-canary-literal-env", "wimigrate-canary-java-literal",
            "wimigrate-canary-spring-property", "wimigrate-canary-manifest-env", "wimigrate-canary-helm-value",
            "wimigrate-canary-python-arg");

    @TempDir
    static Path work;

    @BeforeAll
    static void plant() throws Exception {
        Path dump = Files.createDirectories(work.resolve("dump"));
        Files.writeString(dump.resolve("secrets.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata: {name: orders-sp, namespace: orders}
                type: Opaque
                data:
                  clientSecret: %s
                """.formatted(base64(CANARIES.get(0))));
        Files.writeString(dump.resolve("identity.yaml"), """
                apiVersion: aadpodidentity.k8s.io/v1
                kind: AzureIdentity
                metadata: {name: orders-sp, namespace: orders}
                spec:
                  type: 1
                  clientID: 00000000-0000-0000-0000-0000000000aa
                  tenantID: 00000000-0000-0000-0000-0000000000bb
                  clientPassword: {name: orders-sp, namespace: orders}
                """);
        Files.writeString(dump.resolve("deploy.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: orders-sync, namespace: orders}
                spec:
                  selector: {matchLabels: {app: orders-sync}}
                  template:
                    metadata: {labels: {app: orders-sync}}
                    spec:
                      containers:
                      - name: sync
                        image: contoso/orders-sync:1
                        env:
                        - {name: AZURE_CLIENT_SECRET, value: %s}
                        - name: AZURE_CLIENT_CERTIFICATE_PASSWORD
                          valueFrom: {secretKeyRef: {name: orders-sp, key: clientSecret}}
                """.formatted(CANARIES.get(1)));

        Path repo = Files.createDirectories(work.resolve("repo"));
        Path java = Files.createDirectories(repo.resolve("src/main/java/com/contoso"));
        Files.writeString(java.resolve("Auth.java"), """
                package com.contoso;

                import com.azure.identity.ClientSecretCredentialBuilder;

                class Auth {
                    Object credential() {
                        return new ClientSecretCredentialBuilder()
                                .tenantId("t")
                                .clientId("c")
                                .clientSecret("%s")
                                .build();
                    }
                }
                """.formatted(CANARIES.get(2)));
        Path resources = Files.createDirectories(repo.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.properties"),
                "spring.cloud.azure.credential.client-secret=" + CANARIES.get(3) + "\n");
        Path deploy = Files.createDirectories(repo.resolve("deploy"));
        Files.writeString(deploy.resolve("deployment.yaml"), Files.readString(dump.resolve("deploy.yaml"))
                .replace(CANARIES.get(1), CANARIES.get(4)));
        Path chart = Files.createDirectories(repo.resolve("chart/orders"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: orders\nversion: 1.0.0\n");
        Files.writeString(chart.resolve("values.yaml"), "azure:\n  clientSecret: " + CANARIES.get(5) + "\n");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("templates/secret.yaml"),
                "stringData:\n  AZURE_CLIENT_SECRET: {{ .Values.azure.clientSecret }}\n");
        Files.writeString(repo.resolve("reconcile.py"), """
                from azure.identity import ClientSecretCredential
                credential = ClientSecretCredential("tenant", "client", "%s")
                """.formatted(CANARIES.get(6)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "json", "yaml", "sarif"})
    void noCanaryInAnyOutput(String format) throws Exception {
        List<String> written = new ArrayList<>();
        for (boolean listSecrets : new boolean[] {false, true}) {
            Path file = work.resolve("out-" + format + "-" + listSecrets);
            List<String> args = new ArrayList<>(List.of("scan", "--from-dump", "dump", "--repo", "repo",
                    "-o", format, "--fail-on-findings"));
            if (listSecrets) {
                args.add("--list-secrets");
            }
            Cli toStdout = Cli.run(work, args.toArray(String[]::new));
            args.addAll(List.of("--out", file.getFileName().toString()));
            Cli toFile = Cli.run(work, args.toArray(String[]::new));

            assertThat(toStdout.exitCode()).as(toStdout.err()).isEqualTo(ExitCode.FINDINGS);
            assertThat(toFile.exitCode()).as(toFile.err()).isEqualTo(ExitCode.FINDINGS);
            written.addAll(List.of(toStdout.out(), toStdout.err(), toFile.out(), toFile.err(), Files.readString(file)));
        }

        String everything = String.join("\n", written);
        assertNoCanary(everything);
        assertThat(everything).as("the planted credentials were found, so the check above means something")
                .contains("sp-secret-literal", "java-client-secret-credential", "spring-credential-config",
                        "python-credential", "manifest-sp-secret-reference");
    }

    /** plan.yaml, plan.md and what plan prints carry no secret, nor do rewrite's patch, tables and JSON. */
    @Test
    void noCanaryInPlansOrRewrites() throws Exception {
        List<String> written = new ArrayList<>();
        Cli plan = Cli.run(work, "plan", "--from-dump", "dump", "--repo", "repo", "--offline", "--subscription",
                "6f1c3a2e-8d4b-4e7a-9c1f-2b3d4e5f6a7b", "--resource-group", "rg", "--location", "eastus",
                "--out", "plan");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        written.addAll(List.of(plan.out(), plan.err(), Files.readString(work.resolve("plan/plan.yaml")),
                Files.readString(work.resolve("plan/plan.md"))));
        for (List<String> args : List.of(List.of("rewrite", "--repo", "repo"),
                List.of("rewrite", "--repo", "repo", "-o", "json"),
                List.of("rewrite", "--repo", "repo", "--patch", "rewrite.patch"))) {
            Cli rewrite = Cli.run(work, args.toArray(String[]::new));
            assertThat(rewrite.exitCode()).as(rewrite.err()).isZero();
            written.addAll(List.of(rewrite.out(), rewrite.err()));
        }
        written.add(Files.readString(work.resolve("rewrite.patch")));

        assertNoCanary(String.join("\n", written));
        assertThat(String.join("\n", written)).as("the planted credentials were planned and rewritten")
                .contains("backup-and-delete-secret", "secret-in-source");
    }

    /**
     * Failures quote no secret, with or without --debug: parse errors, wrong files given as plans, inventories,
     * overrides, kubeconfigs.
     */
    @Test
    void noCanaryInFailures() throws Exception {
        Path brokenYaml = Files.createDirectories(work.resolve("broken-yaml"));
        Files.writeString(brokenYaml.resolve("bad.yaml"), "data:\n  clientSecret: " + CANARIES.get(0) + "\n  : [\n");
        Path brokenJson = Files.createDirectories(work.resolve("broken-json"));
        Files.writeString(brokenJson.resolve("bad.json"), "{\"clientSecret\": " + CANARIES.get(0) + "}");
        Path notAPlan = Files.writeString(work.resolve("not-a-plan.yaml"),
                "apiVersion: v1\nkind: Config\nusers: [{name: u, user: {token: " + CANARIES.get(1) + "}}]\n");
        Path badKubeconfig = Files.writeString(work.resolve("bad-kubeconfig"),
                "users: [{name: u, user: {token: " + CANARIES.get(1) + "}}\n  - ]: [\n");

        List<String[]> failing = List.of(
                new String[] {"scan", "--from-dump", "broken-yaml"},
                new String[] {"scan", "--from-dump", "broken-json"},
                new String[] {"plan", "--from-dump", "dump", "--offline", "--check", notAPlan.toString()},
                new String[] {"plan", "--inventory", notAPlan.toString(), "--offline", "--out", "p2"},
                new String[] {"plan", "--from-dump", "dump", "--offline", "--overrides", notAPlan.toString(),
                    "--out", "p3"},
                new String[] {"scan", "--kubeconfig", badKubeconfig.toString()},
                new String[] {"scan", "--kubeconfig", notAPlan.toString()});
        List<Cli> runs = failing.stream().map(args -> Cli.run(work, args)).toList();

        for (Cli run : runs) {
            assertThat(run.exitCode()).as(run.out() + run.err()).isNotZero();
            assertNoCanary(run.out() + run.err());
        }
        for (String[] args : failing) {
            Cli debug = Cli.run(work, concat("--debug", args));
            assertThat(debug.err()).as(String.join(" ", args)).contains("debug: failure: ");
            assertNoCanary(debug.out() + debug.err());
        }
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static void assertNoCanary(String everything) {
        assertNone(everything, CANARIES);
    }

    /** Neither a canary nor its base64 form (as Secret data and kubeconfigs carry values) is in {@code text}. */
    static void assertNone(String text, List<String> canaries) {
        for (String canary : canaries) {
            assertThat(text).doesNotContain(canary).doesNotContain(base64(canary));
        }
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
