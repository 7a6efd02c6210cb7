package io.wimigrate.cli;

import io.wimigrate.planner.AzureFacts;
import io.wimigrate.planner.AzureSettings;
import io.wimigrate.planner.azure.SdkAzureFacts;
import io.wimigrate.planner.Overrides;
import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.PlanningException;
import io.wimigrate.planner.check.PlanFreshness;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.PlanHeader;
import io.wimigrate.planner.render.PlanMarkdown;
import io.wimigrate.scanner.AtomicFiles;
import io.wimigrate.scanner.InventoryScan;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.Severity;
import io.wimigrate.scanner.report.InventoryCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "A staged, deterministic migration plan (plan.yaml + plan.md) to review in a pull request before anything"
                    + " runs. Reads the same inputs as scan, or an inventory written by scan.",
            "With --check, tells whether an existing plan still fits: exit 0 up to date, 3 stale, 2 invalid. The check"
                    + " reuses the plan's --sp-strategy and Azure settings; give --overrides again."},
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:plan written, or --check: up to date",
            "1:no plan written (a limit or the safety invariant; the problems are listed), or runtime failure",
            "2:usage error, bad input, or --check: the plan is invalid or was edited",
            "3:--check: the plan is stale (the drifted objects are named)"})
final class PlanCommand implements Callable<Integer> {

    /** Shares code 3 with scan's --fail-on-findings: "something changed, look at it". */
    static final int STALE = ExitCode.FINDINGS;

    @ParentCommand
    private Migrate migrate;

    @Spec
    private CommandSpec spec;

    @Mixin
    private InputOptions inputs;

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "Plan from an inventory written by 'migrate scan -o json|yaml' instead of scanning.")
    private Path inventoryFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory to write plan.yaml and plan.md into.")
    private Path out;

    @Option(names = "--check", paramLabel = "PLAN",
            description = "Validate PLAN (schema, digest) and compare it with the current inventory instead of"
                    + " writing a plan.")
    private Path check;

    @Option(names = "--sp-strategy", paramLabel = "STRATEGY",
            description = "How service principals move: uami (a new user-assigned identity gets their roles) or"
                    + " app-fic (federate the app registration). Default: uami; with --check, the plan's.")
    private String spStrategy;

    @Option(names = "--overrides", paramLabel = "FILE",
            description = "Per-object choices with reasons (servicePrincipals: strategy; workloads: code readiness).")
    private Path overrides;

    @ArgGroup(exclusive = false, heading = "%nAzure (inferred from the inventory when not given):%n")
    private AzureOptions azure = new AzureOptions();

    @Option(names = "--azure-endpoints", paramLabel = "FILE",
            description = "JSON map of AzureEnvironment endpoints, for a cloud --cloud does not name (Azure Stack,"
                    + " a test emulator).")
    private Path azureEndpoints;

    @Option(names = "--offline",
            description = "Do not read Azure: role assignments and existing federated credentials stay unresolved"
                    + " until apply.")
    private boolean offline;

    static final class AzureOptions {
        @Option(names = "--tenant", paramLabel = "ID", description = "Entra tenant id.")
        String tenant;

        @Option(names = "--subscription", paramLabel = "ID", description = "Subscription for new identities.")
        String subscription;

        @Option(names = "--resource-group", paramLabel = "NAME", description = "Resource group for new identities.")
        String resourceGroup;

        @Option(names = "--location", paramLabel = "REGION", description = "Azure region for new identities.")
        String location;

        @Option(names = "--cloud", paramLabel = "NAME", description = "AzureCloud (default), AzureChinaCloud,"
                + " AzureUSGovernment.")
        String cloud;

        /** For --check: settings the plan was made with by option, unless given again. */
        void defaultTo(PlanHeader header) {
            PlanHeader.AzureHeader made = header.azure();
            tenant = tenant != null ? tenant : byOption(made.tenant());
            subscription = subscription != null ? subscription : byOption(made.subscription());
            resourceGroup = resourceGroup != null ? resourceGroup : byOption(made.resourceGroup());
            location = location != null ? location : byOption(made.location());
            cloud = cloud != null ? cloud : made.cloud();
        }

        private static String byOption(PlanHeader.Setting setting) {
            return "option".equals(setting.source()) ? setting.value() : null;
        }
    }

    @Override
    public Integer call() {
        if (inventoryFile != null && inputs.given()) {
            throw new ParameterException(spec.commandLine(), "--inventory cannot be combined with scan inputs");
        }
        if ((check == null) == (out == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --out DIR and --check PLAN");
        }
        if (spStrategy != null && !Overrides.STRATEGIES.contains(spStrategy)) {
            throw new ParameterException(spec.commandLine(), "--sp-strategy must be uami or app-fic");
        }
        Plan existing = check == null ? null : PlanCodec.read(migrate.workingDirectory.resolve(check));
        Inventory inventory = inventory();
        if (inventory.diagnostics().stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
            inventory.diagnostics().forEach(migrate::report);
            migrate.err.println("error: the scan is incomplete: see the errors above; no plan is made from it");
            return ExitCode.FAILURE;
        }
        if (existing != null) {
            azure.defaultTo(existing.header());
            spStrategy = spStrategy == null ? existing.header().spStrategy().defaultStrategy() : spStrategy;
        }
        PlanRequest offlineRequest = new PlanRequest(inventory, AzureFacts.offline(),
                overrides == null ? Overrides.none() : Overrides.read(migrate.workingDirectory.resolve(overrides)),
                spStrategy, azure.tenant, azure.subscription, azure.resourceGroup, azure.location, azure.cloud);
        PlanRequest request = offline ? offlineRequest : withAzure(offlineRequest);
        try {
            return existing != null ? check(existing, request) : write(Planner.plan(request));
        } catch (PlanningException e) {
            migrate.err.println("error: no plan written:");
            e.problems().forEach(problem -> migrate.err.println("  " + problem));
            return ExitCode.FAILURE;
        }
    }

    private Inventory inventory() {
        if (inventoryFile != null) {
            return InventoryCodec.read(migrate.workingDirectory.resolve(inventoryFile));
        }
        try (TerminalProgress progress = TerminalProgress.onStderr(migrate.err)) {
            return InventoryScan.run(inputs.request(migrate.workingDirectory, spec), progress);
        }
    }

    /** The same request, reading Azure with the tenant and subscriptions given or inferred from the inventory. */
    private PlanRequest withAzure(PlanRequest request) {
        PlanHeader.AzureHeader settings = AzureSettings.resolve(request);
        AzureFacts facts = new SdkAzureFacts(AzureLogin.connect(request.cloud(),
                azureEndpoints == null ? null : migrate.workingDirectory.resolve(azureEndpoints),
                settings.tenant().value(), settings.subscriptions()));
        return new PlanRequest(request.inventory(), facts, request.overrides(), request.spStrategy(),
                request.tenant(), request.subscription(), request.resourceGroup(), request.location(),
                request.cloud());
    }

    private int check(Plan existing, PlanRequest request) {
        List<String> drift = PlanFreshness.drift(existing, request);
        if (drift.isEmpty()) {
            migrate.out.println(check + ": up to date");
            return ExitCode.OK;
        }
        migrate.out.println(check + ": stale; drifted since it was written:");
        drift.forEach(line -> migrate.out.println("  " + line));
        return STALE;
    }

    private int write(Plan plan) {
        Path directory = migrate.workingDirectory.resolve(out).toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            AtomicFiles.write(directory.resolve("plan.yaml"), PlanCodec.write(plan));
            AtomicFiles.write(directory.resolve("plan.md"), PlanMarkdown.render(plan));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out + ": " + e.getMessage(), e);
        }
        long warnings = plan.findings().stream().filter(f -> f.severity() != Severity.NOTE).count();
        migrate.out.printf("%s/plan.yaml and plan.md: %d steps in %d phases, %d findings (%d to review)%n",
                out.toString().replace('\\', '/'), plan.steps().size(), plan.phases().size(), plan.findings().size(),
                warnings);
        return ExitCode.OK;
    }
}
