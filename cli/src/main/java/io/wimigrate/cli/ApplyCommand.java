package io.wimigrate.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.ApplyOptions;
import io.wimigrate.executor.Executor;
import io.wimigrate.executor.LivePlanCheck;
import io.wimigrate.executor.StepStatus;
import io.wimigrate.planner.Overrides;
import io.wimigrate.planner.azure.SdkAzureFacts;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.ApplyRepoPatch;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.ScanRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Carries out a plan, phase by phase: refuses a plan made offline, for another cluster, or stale (the"
                    + " drifted objects are named); takes the cluster's lease (Lease wimigrate-system/wimigrate-apply)"
                    + " so two applies never run at once; journals every step before and after it changes anything"
                    + " (ConfigMaps in wimigrate-system, mirrored to .wimigrate/journal/ beside the plan), so running"
                    + " apply again resumes where a crash or a failure stopped it.",
            "Manual steps (repository patches, manual actions) are recorded as pending and their instruction"
                    + " printed; the other steps of their phase go on, later phases wait until each is confirmed with"
                    + " --ack-manual."},
        sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every step of the requested phases is applied (or, with --dry-run, would be)",
            "1:a step failed, manual steps are pending, the lease is held by another run, or runtime failure",
            "2:usage error, bad input (an edited plan, earlier phases not applied), or no confirmation",
            "3:the plan is refused: made offline, for another cluster, or stale",
            "130:interrupted (Ctrl-C or SIGTERM): the running steps finished and were journaled, the lease is free;"
                    + " run apply again to resume"})
final class ApplyCommand implements Callable<Integer> {

    @ParentCommand
    private Migrate migrate;

    @Parameters(paramLabel = "PLAN", description = "A plan.yaml written by migrate plan.")
    private Path planFile;

    @ArgGroup(exclusive = true)
    private Phases phases = new Phases();

    static final class Phases {
        @Option(names = "--phase", paramLabel = "N", description = "Apply phase N only (earlier phases must be"
                + " applied).")
        Integer phase;

        @Option(names = "--through", paramLabel = "N", description = "Apply phases 0 to N.")
        Integer through;
    }

    @Option(names = "--dry-run", description = "Change nothing: Kubernetes writes go through server-side dry run,"
            + " Azure writes are described; the journal is not written.")
    private boolean dryRun;

    @Mixin
    private Confirmation confirmation;

    @Option(names = "--parallelism", paramLabel = "K", defaultValue = "4",
            description = "Steps of a phase run at once (default: ${DEFAULT-VALUE}); steps on one identity, app"
                    + " registration or Kubernetes object always run one at a time.")
    private int parallelism;

    @Option(names = "--ack-manual", paramLabel = "STEP",
            description = "Confirm that the manual step with this id is done; repeatable.")
    private List<String> ackManual = new ArrayList<>();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespaces the plan was made from (as given to migrate plan), for the freshness check;"
                    + " repeatable (default: all).")
    private List<String> namespaces = new ArrayList<>();

    @Option(names = "--repo", paramLabel = "DIR",
            description = "Repositories the plan was made from (as given to migrate plan); repeatable. Default: the"
                    + " repositories the plan's repo-patch steps name.")
    private List<Path> repos = new ArrayList<>();

    @Option(names = "--overrides", paramLabel = "FILE", description = "The overrides the plan was made with.")
    private Path overrides;

    @Option(names = "--patch-gitops-live",
            description = "Also patch objects that Helm, Argo CD or Flux own, live. Their next sync or upgrade reverts"
                    + " the change unless the repository patch (phase 5) is merged first: use it when syncing is"
                    + " paused or the patch is deployed. Without it, their verify steps wait for the repository.")
    private boolean patchGitOpsLive;

    @Mixin
    private ExecutorOptions target;

    @Override
    public Integer call() {
        return call(UnaryOperator.identity());
    }

    /** As {@link #call()}, with the executor adjusted before it is built (a crash test wraps the real handlers). */
    int call(UnaryOperator<Executor.Builder> adjust) {
        Plan plan = PlanCodec.read(migrate.workingDirectory.resolve(planFile));
        ApplyOptions options = options(plan);
        List<ScanRequest.Input> repoInputs = (repos.isEmpty() ? patchedRepositories(plan) : repos).stream()
                .map(dir -> InputOptions.directory(migrate.workingDirectory, dir, "--repo")).toList();
        Overrides chosen = overrides == null ? Overrides.none()
                : Overrides.read(migrate.workingDirectory.resolve(overrides));
        try (KubernetesClient kube = target.kube(migrate, plan);
             ConsoleListener listener = new ConsoleListener(migrate.out, migrate.err, "apply");
             Interruption interruption = new Interruption(migrate.err, "apply")) {
            Executor executor = adjust.apply(target.executor(migrate, plan, planFile, kube).listener(listener)
                    .patchGitOpsLive(patchGitOpsLive).interruptedWhen(interruption::requested)
                    .planCheck(new LivePlanCheck(kube, new LinkedHashSet<>(namespaces), repoInputs,
                            new SdkAzureFacts(target.azure(migrate, plan)), chosen, listener.scanning())))
                    .build();
            if (!dryRun && !confirmed(plan, executor, options)) {
                return ExitCode.USAGE;
            }
            migrate.out.printf("%s %s, phases %d to %d%s%n", dryRun ? "dry run of" : "applying", planFile,
                    options.firstPhase(), options.lastPhase(), dryRun ? " (nothing is changed)" : "");
            interruption.handleSignals();
            return Outcomes.print(migrate, executor.apply(plan, options), planFile, "apply");
        }
    }

    private static List<Path> patchedRepositories(Plan plan) {
        return plan.steps().stream().filter(ApplyRepoPatch.class::isInstance).map(step -> Path.of(step.target().name()))
                .distinct().toList();
    }

    private ApplyOptions options(Plan plan) {
        int first = phases.phase != null ? phases.phase : 0;
        int last = phases.phase != null ? phases.phase : phases.through != null ? phases.through
                : ApplyOptions.LAST_PHASE;
        if (first < 0 || last > ApplyOptions.LAST_PHASE) {
            throw new BadInputException("phases are numbered 0 to " + ApplyOptions.LAST_PHASE);
        }
        if (parallelism < 1) {
            throw new BadInputException("--parallelism must be at least 1");
        }
        Set<String> ids = new LinkedHashSet<>(ackManual);
        plan.steps().forEach(step -> ids.remove(step.id()));
        if (!ids.isEmpty()) {
            throw new BadInputException("--ack-manual " + String.join(", ", ids) + ": no such step in " + planFile);
        }
        return new ApplyOptions(first, last, parallelism, dryRun, Set.copyOf(ackManual));
    }

    private boolean confirmed(Plan plan, Executor executor, ApplyOptions options) {
        return confirmation.given(migrate, "apply", () -> {
            long open = StepStatus.of(plan, executor.journal(plan)).stream()
                    .filter(s -> s.phase() >= options.firstPhase() && s.phase() <= options.lastPhase())
                    .filter(s -> !"applied".equals(s.state())).count();
            return String.format("Apply %d step(s) of phases %d to %d of %s to cluster %s?", open,
                    options.firstPhase(), options.lastPhase(), planFile, plan.header().clusters().get(0).name());
        });
    }
}
