package io.wimigrate.cli;

import io.wimigrate.scanner.InventoryScan;
import io.wimigrate.scanner.ScanRequest;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.Severity;
import io.wimigrate.scanner.report.InventoryCodec;
import io.wimigrate.scanner.report.SarifReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "scan",
        mixinStandardHelpOptions = true,
        description = {
            "Inventory of what still depends on AAD Pod Identity or service-principal secrets, in clusters (live or"
                    + " dumped) and repositories. Never reads Secret values.",
            "With no --from-dump and no --repo, scans the current kube context."},
        sortOptions = false)
final class ScanCommand implements Callable<Integer> {

    @ParentCommand
    private Migrate migrate;

    @Spec
    private CommandSpec spec;

    @Mixin
    private InputOptions inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private OutputFormat output;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the output to FILE instead of stdout.")
    private Path out;

    @Option(names = "--fail-on-findings", paramLabel = "SEVERITY", arity = "0..1", fallbackValue = "WARNING",
            description = "Exit 3 when a finding of SEVERITY or worse exists: ERROR, WARNING (when given alone), NOTE.")
    private Severity failOn;

    @Override
    public Integer call() {
        ScanRequest request = inputs.request(migrate.workingDirectory, spec);
        Inventory inventory;
        try (TerminalProgress progress = TerminalProgress.onStderr(migrate.err)) {
            inventory = InventoryScan.run(request, progress);
        }
        write(render(inventory));
        inventory.diagnostics().forEach(migrate::report);
        if (inventory.diagnostics().stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
            migrate.err.println("error: the scan is incomplete: see the errors above");
            return ExitCode.FAILURE;
        }
        if (failOn != null && inventory.findings().stream().anyMatch(f -> f.severity().compareTo(failOn) <= 0)) {
            return ExitCode.FINDINGS;
        }
        return ExitCode.OK;
    }

    private String render(Inventory inventory) {
        return switch (output) {
            case json -> InventoryCodec.toJson(inventory);
            case yaml -> InventoryCodec.toYaml(inventory);
            case sarif -> SarifReport.render(inventory.findings(), inventory.diagnostics(), Migrate.Version.current());
            case table -> InventoryTable.render(inventory);
        };
    }

    private void write(String text) {
        if (out == null) {
            migrate.out.print(text);
            migrate.out.flush();
            return;
        }
        migrate.writeFile("--out", out, text);
    }
}
