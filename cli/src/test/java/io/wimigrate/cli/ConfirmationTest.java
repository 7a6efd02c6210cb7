package io.wimigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfirmationTest {

    private static final String PLAN = "examples/expected/plan.yaml";

    @ParameterizedTest
    @ValueSource(strings = {"apply", "rollback", "finalize"})
    void everyChangingCommandOffersYes(String command) {
        Cli help = Cli.inProject(command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--yes", "Do not ask for confirmation");
    }

    @Test
    void withoutATerminalRollbackAsksForYesBeforeReachingTheCluster() {
        Cli result = Cli.inProject("rollback", PLAN, "--kubeconfig", "no-such-kubeconfig");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("rollback changes the cluster and Azure and needs a confirmation",
                "pass --yes").doesNotContain("no-such-kubeconfig");
    }
}
