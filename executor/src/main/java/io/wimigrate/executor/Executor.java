package io.wimigrate.executor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.executor.journal.ClusterJournal;
import io.wimigrate.executor.journal.FileJournal;
import io.wimigrate.executor.journal.Journal;
import io.wimigrate.executor.journal.JournalEntry;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.planner.azure.AzureConnection;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.PlanHeader.ClusterHeader;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.VerifyWorkload;
import io.wimigrate.scanner.BadInputException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Carries out a plan on the cluster and in Azure: {@link #apply}, {@link #rollback}, {@link #verify}, and the
 * {@link #journal} {@code migrate status} reads. Apply refuses an offline plan, a plan for another cluster and a
 * stale plan; it takes the cluster's lease, and runs phases in order with the steps of a phase in parallel as
 * {@link StepGraph} allows, journaling each step's prior state before its handler changes anything.
 */
public final class Executor {

    private final KubernetesClient kube;
    private final AzureConnection azure;
    private final Function<Step, Bound<?>> binder;
    private final PlanCheck planCheck;
    private final ExecutionListener listener;
    private final Timeouts timeouts;
    private final String namespace;
    private final String holder;
    private final Duration leaseDuration;
    private final Clock clock;
    private final Path planFile;
    private final boolean patchGitOpsLive;
    private final BooleanSupplier interrupted;

    private Executor(Builder builder) {
        this.kube = Objects.requireNonNull(builder.kube, "kube");
        this.azure = builder.azure;
        this.binder = builder.binder;
        this.planCheck = builder.planCheck;
        this.listener = builder.listener;
        this.timeouts = builder.timeouts;
        this.patchGitOpsLive = builder.patchGitOpsLive;
        this.namespace = builder.namespace;
        this.holder = builder.holder;
        this.leaseDuration = builder.leaseDuration;
        this.clock = builder.clock;
        this.planFile = builder.planFile;
        this.interrupted = builder.interrupted;
    }

    public static Builder builder(KubernetesClient kube) {
        return new Builder(kube);
    }

    /**
     * Applies {@code options}' phases. The plan's freshness is checked when none of its steps has started yet; once
     * steps have run the cluster differs from the plan by design, and later runs check that it is the same cluster
     * and resume from the journal.
     */
    public RunOutcome apply(Plan plan, ApplyOptions options) {
        if (!plan.header().azure().azureResolved()) {
            throw new PlanRefusedException("the plan was made offline (Azure not read): plan again online", List.of(
                    "header.azure.azureResolved is false: role assignments and existing federated credentials"
                            + " are unknown"));
        }
        Map<String, String> issuers = checkCluster(plan);
        if (options.dryRun()) {
            Journal journal = openJournal(plan);
            requireFresh(plan, journal);
            requireEarlierPhasesDone(plan, journal, options.firstPhase());
            return new PhaseRunner(new Run(plan, journal.inMemoryCopy(), context(journal, issuers, true), binder,
                    listener, () -> null, interrupted, entries())).run(options);
        }
        try (ApplyLease lease = ApplyLease.acquire(kube, namespace, holder, leaseDuration, clock)) {
            Journal journal = openJournal(plan);
            requireFresh(plan, journal);
            requireEarlierPhasesDone(plan, journal, options.firstPhase());
            return new PhaseRunner(new Run(plan, journal, context(journal, issuers, false), binder, listener,
                    lease::lost, interrupted, entries())).run(options);
        }
    }

    /**
     * Undoes, newest first, every step the journal shows may have changed something in a phase after
     * {@code toPhase} (-1: all), each from its recorded prior state. Steps never applied are skipped.
     */
    public RunOutcome rollback(Plan plan, int toPhase) {
        Map<String, String> issuers = checkCluster(plan);
        try (ApplyLease lease = ApplyLease.acquire(kube, namespace, holder, leaseDuration, clock)) {
            Journal journal = openJournal(plan);
            return new Rollback(new Run(plan, journal, context(journal, issuers, false), binder, listener,
                    lease::lost, interrupted, entries())).run(toPhase);
        }
    }

    /**
     * The Secret backups the plan's steps made and where each stands against {@code grace}; changes nothing. Refuses
     * (bad input) a plan whose steps are not all applied, verification included.
     */
    public List<SecretBackupStatus> backups(Plan plan, Duration grace) {
        Map<String, String> issuers = checkCluster(plan);
        Journal journal = openJournal(plan);
        return finalization(plan, journal, issuers, () -> null).backups(grace);
    }

    /**
     * {@code migrate finalize}: under the lease, purges the backups older than {@code grace}, journaling each purge
     * first; returns every backup's state afterwards.
     */
    public List<SecretBackupStatus> purgeBackups(Plan plan, Duration grace) {
        Map<String, String> issuers = checkCluster(plan);
        try (ApplyLease lease = ApplyLease.acquire(kube, namespace, holder, leaseDuration, clock)) {
            Journal journal = openJournal(plan);
            return finalization(plan, journal, issuers, lease::lost).purge(grace);
        }
    }

    private Finalization finalization(Plan plan, Journal journal, Map<String, String> issuers,
                                      Supplier<String> leaseLost) {
        return new Finalization(new Run(plan, journal, context(journal, issuers, false), binder, listener, leaseLost,
                interrupted, entries()), clock);
    }

    /** Runs the plan's verification steps (read-only: no lease, nothing journaled). */
    public VerifyOutcome verify(Plan plan) {
        Map<String, String> issuers = checkCluster(plan);
        Journal journal = openJournal(plan);
        StepContext context = context(journal, issuers, false);
        List<VerifyOutcome.Result> results = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (step instanceof VerifyWorkload) {
                listener.started(step, false);
                Bound<?> bound = binder.apply(step);
                VerifyOutcome.Result result;
                try {
                    result = new VerifyOutcome.Result(step, true, bound.apply(bound.observe(context), context)
                            .detail());
                } catch (RuntimeException e) {
                    result = new VerifyOutcome.Result(step, false, PhaseRunner.describe(e, kube));
                }
                listener.finished(step, result.passed() ? StepState.APPLIED : StepState.FAILED, result.detail());
                results.add(result);
            }
        }
        return new VerifyOutcome(results);
    }

    /** The plan's journal as the cluster holds it. */
    public List<JournalEntry> journal(Plan plan) {
        return new ClusterJournal(kube, namespace, plan.header().digest()).load();
    }

    private Map<String, String> checkCluster(Plan plan) {
        List<ClusterHeader> clusters = plan.header().clusters();
        if (clusters.size() != 1) {
            throw new BadInputException("the plan covers " + clusters.size() + " clusters; apply works on one:"
                    + " plan each cluster on its own");
        }
        ClusterHeader planned = clusters.get(0);
        ClusterIdentity live = ClusterIdentity.read(kube);
        live.requireSameAs(planned);
        return Map.of(planned.name(), planned.oidcIssuer() != null ? planned.oidcIssuer()
                : Objects.requireNonNullElse(live.oidcIssuer(), ""));
    }

    private Journal openJournal(Plan plan) {
        ClusterJournal cluster = new ClusterJournal(kube, namespace, plan.header().digest());
        return planFile == null ? Journal.of(List.of(cluster))
                : Journal.durable(cluster, FileJournal.beside(planFile, plan.header().digest()));
    }

    private void requireFresh(Plan plan, Journal journal) {
        if (journal.entries().stream().anyMatch(entry -> entry.state() == StepState.STARTED)) {
            return;
        }
        List<String> drift = Objects.requireNonNull(planCheck, "apply needs a plan check").drift(plan);
        if (!drift.isEmpty()) {
            throw new PlanRefusedException("the plan is stale: the cluster or Azure changed since it was written;"
                    + " run migrate plan again", drift);
        }
    }

    private static void requireEarlierPhasesDone(Plan plan, Journal journal, int firstPhase) {
        List<String> open = plan.steps().stream().filter(step -> step.phase() < firstPhase)
                .filter(step -> journal.state(step.id()).orElse(null) != StepState.APPLIED)
                .map(step -> "phase " + step.phase() + " " + step.id() + " " + step.action() + " "
                        + step.target().display())
                .toList();
        if (!open.isEmpty()) {
            throw new BadInputException("phase " + firstPhase + " cannot start: " + open.size() + " step(s) of earlier"
                    + " phases are not applied (first: " + open.get(0) + "); apply them first, e.g. --through "
                    + firstPhase);
        }
    }

    private JournalEntries entries() {
        return new JournalEntries(holder, clock);
    }

    private StepContext context(Journal journal, Map<String, String> issuers, boolean dryRun) {
        return new StepContext(kube, azure, new JournalPlaceholders(journal, issuers, dryRun), dryRun, timeouts,
                listener::note, patchGitOpsLive);
    }

    /** How to build an executor; only the Kubernetes client is required, and a plan check for apply. */
    public static final class Builder {
        private final KubernetesClient kube;
        private AzureConnection azure;
        private Function<Step, Bound<?>> binder = new Handlers()::bind;
        private PlanCheck planCheck;
        private ExecutionListener listener = ExecutionListener.NONE;
        private Timeouts timeouts = Timeouts.defaults();
        private String namespace = ToolNamespace.NAME;
        private String holder = ApplyLease.holderIdentity();
        private Duration leaseDuration = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private Path planFile;
        private boolean patchGitOpsLive;
        private BooleanSupplier interrupted = () -> false;

        private Builder(KubernetesClient kube) {
            this.kube = kube;
        }

        /** Null when the plan changes nothing in Azure. */
        public Builder azure(AzureConnection value) {
            this.azure = value;
            return this;
        }

        /** Which handler carries out a step; {@link Handlers} unless a test binds its own. */
        public Builder binder(Function<Step, Bound<?>> value) {
            this.binder = value;
            return this;
        }

        public Builder planCheck(PlanCheck value) {
            this.planCheck = value;
            return this;
        }

        public Builder listener(ExecutionListener value) {
            this.listener = value;
            return this;
        }

        public Builder timeouts(Timeouts value) {
            this.timeouts = value;
            return this;
        }

        /** Patch GitOps-owned objects live too, instead of leaving their changes to the repository patch. */
        public Builder patchGitOpsLive(boolean value) {
            this.patchGitOpsLive = value;
            return this;
        }

        /** The tool's namespace for the lease and the journal; {@link ToolNamespace#NAME} by default. */
        public Builder namespace(String value) {
            this.namespace = value;
            return this;
        }

        public Builder holder(String value) {
            this.holder = value;
            return this;
        }

        public Builder leaseDuration(Duration value) {
            this.leaseDuration = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * True once the operator asked the run to stop (Ctrl-C): apply and rollback start no further step, let the
         * running ones finish and be journaled, free the lease and return {@link RunOutcome.Status#INTERRUPTED}.
         */
        public Builder interruptedWhen(BooleanSupplier value) {
            this.interrupted = value;
            return this;
        }

        /** Mirrors the journal to {@code .wimigrate/journal/} beside this plan file. */
        public Builder mirrorBeside(Path value) {
            this.planFile = value;
            return this;
        }

        public Executor build() {
            return new Executor(this);
        }
    }
}
