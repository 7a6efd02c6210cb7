package io.wimigrate.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wimigrate.scanner.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridesTest {

    @TempDir
    Path dir;

    @Test
    void readsChoicesWithTheirReasons() throws Exception {
        Path file = dir.resolve("overrides.yaml");
        Files.writeString(file, """
                servicePrincipals:
                  AzureIdentity/orders/orders-legacy-sp: {strategy: app-fic, reason: needs its Graph permissions}
                workloads:
                  prod:payments/payments-api: {code: workload-identity-ready, reason: azure-identity 1.12}
                  payments/payments-ledger: {code: rewritten, repo: examples/repo, reason: built there}
                """);

        Overrides overrides = Overrides.read(file);

        assertThat(overrides.servicePrincipals().get("AzureIdentity/orders/orders-legacy-sp").strategy())
                .isEqualTo("app-fic");
        assertThat(overrides.workload("prod", "payments", "payments-api").reason()).isEqualTo("azure-identity 1.12");
        assertThat(overrides.workload("other", "payments", "payments-api")).isNull();
        assertThat(overrides.workload("prod", "payments", "payments-ledger").repo()).isEqualTo("examples/repo");
    }

    @Test
    void refusesAChoiceWithoutAReasonOrWithAnUnknownStrategyOrKey() throws Exception {
        Path noReason = dir.resolve("a.yaml");
        Files.writeString(noReason, "servicePrincipals:\n  Secret/a/b: {strategy: uami}\n");
        Path unknown = dir.resolve("b.yaml");
        Files.writeString(unknown, "servicePrincipals:\n  Secret/a/b: {strategy: keep, reason: x}\n");
        Path noRepo = dir.resolve("d.yaml");
        Files.writeString(noRepo, "workloads:\n  a/b: {code: rewritten, reason: x}\n");
        Path typo = dir.resolve("c.yaml");
        Files.writeString(typo, "servicePrinciples: {}\n");

        assertThatThrownBy(() -> Overrides.read(noReason)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("Secret/a/b needs a reason");
        assertThatThrownBy(() -> Overrides.read(unknown)).hasMessageContaining("must be uami or app-fic");
        assertThatThrownBy(() -> Overrides.read(noRepo)).hasMessageContaining("repo goes with code: rewritten");
        assertThatThrownBy(() -> Overrides.read(typo)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("servicePrinciples");
    }
}
