package io.wimigrate.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wimigrate.executor.LeaseHeldException;
import io.wimigrate.executor.PlanRefusedException;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.executor.kube.KubeErrors;
import io.wimigrate.scanner.AtomicFiles;
import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.ClusterAccessException;
import io.wimigrate.scanner.cluster.Forbidden;
import io.wimigrate.scanner.model.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The {@code migrate} command: one subcommand per use case. */
@Command(name = "migrate",
        mixinStandardHelpOptions = true,
        versionProvider = Migrate.Version.class,
        description = "Moves AKS workloads from AAD Pod Identity and service-principal secrets to Entra Workload"
                + " Identity: scan, plan, apply, verify, roll back.",
        subcommands = {ScanCommand.class, PlanCommand.class, ShowCommand.class, RewriteCommand.class,
            ApplyCommand.class, StatusCommand.class, VerifyCommand.class, RollbackCommand.class, FinalizeCommand.class,
            DemoCommand.class, AutoComplete.GenerateCompletion.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:runtime failure (cluster unreachable, scan incomplete, unsafe plan, a step failed, the apply lease held,"
                    + " manual steps pending, unexpected error)",
            "2:usage error or bad input (the offending file or object is named; an edited plan)",
            "3:scan: findings at or above --fail-on-findings; plan --check: the plan is stale; apply: the plan is"
                    + " refused (offline, another cluster, stale)"})
public final class Migrate {

    final Path workingDirectory;
    final PrintStream out;
    final PrintStream err;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "When a command fails, also print where: each exception of the cause chain by type, with its"
                    + " stack frames (not their messages, which can quote what a library was reading).")
    private boolean debug;

    Migrate(Path workingDirectory, PrintStream out, PrintStream err) {
        this.workingDirectory = workingDirectory;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(Path.of("").toAbsolutePath(), System.out, System.err, args));
    }

    /** Runs one command line; relative paths in options are resolved against {@code workingDirectory}. */
    static int run(Path workingDirectory, PrintStream out, PrintStream err, String... args) {
        Migrate migrate = new Migrate(workingDirectory, out, err);
        CommandLine commandLine = new CommandLine(migrate)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setExecutionExceptionHandler(migrate::handleFailure);
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        return commandLine.execute(args);
    }

    /**
     * Writes {@code text} to the file an option names, resolved against the working directory, atomically; a
     * missing directory is bad input naming the option.
     */
    void writeFile(String option, Path given, String text) {
        Path target = workingDirectory.resolve(given).toAbsolutePath();
        if (!Files.isDirectory(target.getParent())) {
            throw new BadInputException(option + " " + given + ": directory " + target.getParent()
                    + " does not exist");
        }
        try {
            AtomicFiles.write(target, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + given + ": " + e.getMessage(), e);
        }
    }

    /** A scan diagnostic as one stderr line: {@code level: source: subject: message}. */
    void report(Diagnostic diagnostic) {
        err.printf("%s: %s: %s: %s%n", diagnostic.severity().sarifLevel(), diagnostic.source(),
                diagnostic.subject(), diagnostic.message());
    }

    private int handleFailure(Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        int code = reportFailure(failure);
        if (debug) {
            FailureTrace.print(err, failure);
        }
        return code;
    }

    private int reportFailure(Exception failure) {
        if (failure instanceof BadInputException) {
            err.println("error: " + failure.getMessage());
            return ExitCode.USAGE;
        }
        if (failure instanceof PlanRefusedException refused) {
            err.println("error: " + refused.getMessage() + ":");
            refused.reasons().forEach(reason -> err.println("  " + reason));
            return ExitCode.FINDINGS;
        }
        if (failure instanceof KubernetesClientException kube) {
            err.println("error: " + (kube.getCode() == 0 ? KubeErrors.message(kube)
                    : "the cluster refused: " + Forbidden.orHttpStatus(kube)));
            return ExitCode.FAILURE;
        }
        if (failure instanceof ClusterAccessException || failure instanceof UncheckedIOException
                || failure instanceof LeaseHeldException || failure instanceof StepFailedException) {
            err.println("error: " + failure.getMessage());
            return ExitCode.FAILURE;
        }
        err.println("error: unexpected failure: " + failure + (debug ? "" : " (--debug shows where)"));
        return ExitCode.FAILURE;
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        static String current() {
            try (InputStream in = Migrate.class.getResourceAsStream("version.properties")) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version");
            } catch (IOException | NullPointerException e) {
                return "unknown";
            }
        }

        @Override
        public String[] getVersion() {
            return new String[] {"migrate (wimigrate) " + current()};
        }
    }
}
