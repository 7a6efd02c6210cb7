package io.wimigrate.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.Executor;
import io.wimigrate.executor.StepStatus;
import io.wimigrate.executor.journal.FileJournal;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.scanner.report.InventoryCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = "Where each phase and step of a plan stands, from its journal in the cluster (or, with --local,"
                + " the mirror beside the plan).",
        sortOptions = false)
final class StatusCommand implements Callable<Integer> {

    enum Format { table, json }

    @ParentCommand
    private Migrate migrate;

    @Parameters(paramLabel = "PLAN", description = "A plan.yaml written by migrate plan.")
    private Path planFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Format output;

    @Option(names = "--local", description = "Read the local mirror (.wimigrate/journal/ beside the plan) instead of"
            + " the cluster.")
    private boolean local;

    @Mixin
    private ExecutorOptions target;

    @Override
    public Integer call() throws Exception {
        Plan plan = PlanCodec.read(migrate.workingDirectory.resolve(planFile));
        List<JournalEntry> journal = journal(plan);
        List<StepStatus> steps = StepStatus.of(plan, journal);
        List<JournalEntry> purges = journal.stream().filter(entry -> entry.state() == StepState.PURGED).toList();
        if (output == Format.json) {
            migrate.out.println(InventoryCodec.json().writerWithDefaultPrettyPrinter().writeValueAsString(
                    Map.of("plan", plan.header().digest(), "steps", steps, "purged", purges)));
            return ExitCode.OK;
        }
        StringBuilder text = new StringBuilder("Plan ").append(plan.header().digest()).append('\n');
        for (Phase phase : plan.phases()) {
            List<StepStatus> rows = steps.stream().filter(s -> s.phase() == phase.phase()).toList();
            Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(StepStatus::state, TreeMap::new,
                    Collectors.counting()));
            text.append("Phase ").append(phase.phase()).append(' ').append(phase.name()).append(": ")
                    .append(rows.isEmpty() ? "no steps" : counts.entrySet().stream()
                            .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")))
                    .append('\n');
            if (!rows.isEmpty()) {
                TextTable table = new TextTable("ID", "ACTION", "TARGET", "STATE", "AT", "DETAIL");
                rows.forEach(s -> table.row(s.step(), s.action(), s.target(), s.state(), s.at(), s.detail()));
                text.append(table.render("  "));
            }
        }
        if (!purges.isEmpty()) {
            text.append("Finalize: ").append(purges.size()).append(" Secret backup(s) purged; rollback cannot restore"
                    + " these Secrets\n");
            TextTable table = new TextTable("SECRET", "BACKUP", "MOVED BY", "AT", "BY");
            purges.forEach(p -> table.row(p.target(), p.outputs().get("backup"), p.outputs().get("step"), p.at(),
                    p.by()));
            text.append(table.render("  "));
        }
        migrate.out.print(text);
        return ExitCode.OK;
    }

    private List<JournalEntry> journal(Plan plan) {
        if (local) {
            return FileJournal.beside(migrate.workingDirectory.resolve(planFile), plan.header().digest()).load();
        }
        try (KubernetesClient kube = target.kube(migrate, plan)) {
            return Executor.builder(kube).build().journal(plan);
        }
    }
}
