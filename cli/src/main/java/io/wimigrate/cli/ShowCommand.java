package io.wimigrate.cli;

import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.PlanFinding;
import io.wimigrate.planner.model.PlanHeader;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.render.PlanMarkdown;
import io.wimigrate.planner.render.StepDescriptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "show",
        mixinStandardHelpOptions = true,
        description = "Shows a plan file in the terminal, after checking it against the schema and its digest.")
final class ShowCommand implements Callable<Integer> {

    @ParentCommand
    private Migrate migrate;

    @Parameters(paramLabel = "PLAN", description = "A plan.yaml written by migrate plan.")
    private Path file;

    @Option(names = "--markdown", description = "Print plan.md instead of the terminal table.")
    private boolean markdown;

    @Override
    public Integer call() {
        Plan plan = PlanCodec.read(migrate.workingDirectory.resolve(file));
        migrate.out.print(markdown ? PlanMarkdown.render(plan) : table(plan));
        migrate.out.flush();
        return ExitCode.OK;
    }

    static String table(Plan plan) {
        StringBuilder text = new StringBuilder("Plan ").append(plan.header().digest()).append('\n');
        for (PlanHeader.ClusterHeader cluster : plan.header().clusters()) {
            text.append("  Cluster ").append(cluster.name()).append(", OIDC issuer ")
                    .append(cluster.oidcIssuer() == null ? "none (enabled in phase 0)" : cluster.oidcIssuer())
                    .append('\n');
        }
        PlanHeader.AzureHeader azure = plan.header().azure();
        text.append("  Azure ").append(azure.cloud()).append(", tenant ").append(value(azure.tenant()))
                .append(", new identities in ").append(value(azure.resourceGroup())).append(" (")
                .append(value(azure.location())).append("), Azure read: ").append(azure.azureResolved() ? "yes" : "no")
                .append("\n\n");
        boolean clusters = plan.header().clusters().size() > 1;
        for (Phase phase : plan.phases()) {
            text.append("Phase ").append(phase.phase()).append(' ').append(phase.name()).append(" (")
                    .append(phase.steps().size()).append(" steps)\n");
            TextTable table = new TextTable("ID", "ACTION", "TARGET", "GITOPS", "CHANGE");
            for (Step step : phase.steps()) {
                table.row(step.id(), step.action(), PlanMarkdown.shortTarget(step.target(), clusters),
                        step.gitops() ? "yes" : null,
                        StepDescriptions.of(step));
            }
            if (!table.isEmpty()) {
                text.append(table.render("  "));
            }
            text.append('\n');
        }
        TextTable findings = new TextTable("SEVERITY", "RULE", "SUBJECT");
        for (PlanFinding finding : plan.findings()) {
            findings.row(finding.severity().sarifLevel(), finding.rule(), finding.subject());
        }
        if (!findings.isEmpty()) {
            text.append("Findings (details in plan.md)\n").append(findings.render("  "));
        }
        return text.toString();
    }

    private static String value(PlanHeader.Setting setting) {
        return setting.resolved() ? setting.value() : "unresolved";
    }
}
