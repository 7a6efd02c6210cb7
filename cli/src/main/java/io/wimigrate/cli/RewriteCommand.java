package io.wimigrate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.rewriter.FileRewrite;
import io.wimigrate.rewriter.RepoRewriter;
import io.wimigrate.rewriter.RewriteNote;
import io.wimigrate.rewriter.RewriteResult;
import io.wimigrate.rewriter.RewriteSarif;
import io.wimigrate.rewriter.UnifiedDiff;
import io.wimigrate.scanner.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "rewrite",
        mixinStandardHelpOptions = true,
        description = {
            "Rewrites credential code and build files of a repository for workload identity: service-principal"
                    + " credential builders become DefaultAzureCredential, azure-identity is raised to the first"
                    + " version with workload identity. Comments and formatting outside the edits stay as they are.",
            "By default prints the changes as a patch (git apply); --patch writes it to a file, --write changes the"
                    + " files in place. What is left to do by hand is listed, and summarised on stderr.",
            "Spring Boot configuration moves from a client secret to workload identity; Python, C#, Go and"
                    + " JavaScript/TypeScript credentials are listed with the exact replacement (fixes in -o sarif)."},
        sortOptions = false)
final class RewriteCommand implements Callable<Integer> {

    /** The renderings {@code -o} accepts. */
    enum Format {
        table, json, sarif
    }

    @ParentCommand
    private Migrate migrate;

    @Option(names = "--repo", paramLabel = "DIR", required = true, description = "Repository to rewrite.")
    private Path repo;

    @Option(names = "--plan", paramLabel = "FILE", description = "Plan (from migrate plan) naming the service"
            + " accounts and client ids for the manifests; without it they come from the repository, and what needs"
            + " the plan is listed.")
    private Path plan;

    @ArgGroup(exclusive = true)
    private Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--write", description = "Change the files in place (each one replaced atomically).")
        boolean write;

        @Option(names = "--patch", paramLabel = "FILE", description = "Write the patch to FILE; no file is changed.")
        Path patch;
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Format output;

    @Override
    public Integer call() {
        Path root = migrate.workingDirectory.resolve(repo).normalize();
        if (!Files.isDirectory(root)) {
            throw new BadInputException("--repo " + repo + ": not a directory");
        }
        Plan read = plan == null ? null : PlanCodec.read(migrate.workingDirectory.resolve(plan));
        RewriteResult result = new RepoRewriter().rewrite(root, read, plan == null ? null : plan.toString());
        boolean printDiff = !mode.write && mode.patch == null;
        if (mode.write) {
            try {
                result.writeTo(root);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the rewritten files: " + e.getMessage(), e);
            }
        } else if (mode.patch != null) {
            migrate.writeFile("--patch", mode.patch, result.patch());
        }
        if (output == Format.json) {
            migrate.out.print(json(result, printDiff));
        } else if (output == Format.sarif) {
            migrate.out.print(RewriteSarif.render(result, repo.toString(), Migrate.Version.current()));
        } else {
            migrate.out.print(printDiff ? result.patch() : table(result));
            if (printDiff && !result.notes().isEmpty()) {
                migrate.err.print(notesTable(result.notes()));
            }
        }
        migrate.out.flush();
        String done = mode.write ? "changed" : "to change";
        migrate.err.printf("rewrite: %d file(s) %s, %d item(s) left to do by hand%n", result.files().size(), done,
                result.notes().size());
        return ExitCode.OK;
    }

    private static String table(RewriteResult result) {
        TextTable files = new TextTable("FILE", "EDITS");
        result.files().forEach(file -> files.row(file.relativePath(), file.deleted() ? "deleted" : file.edits().size()));
        String changed = files.isEmpty() ? "No file to change.\n" : files.render("");
        return result.notes().isEmpty() ? changed : changed + "\n" + notesTable(result.notes());
    }

    private static String notesTable(List<RewriteNote> notes) {
        TextTable table = new TextTable("LOCATION", "CODE", "TO DO BY HAND");
        notes.forEach(note -> table.row(note.path() + ":" + note.line() + ":" + note.column(), note.code(),
                note.message()));
        return table.render("");
    }

    private static String json(RewriteResult result, boolean withDiffs) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("files", result.files().stream().map(file -> fileJson(file, withDiffs)).toList());
        document.put("notes", result.notes());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> fileJson(FileRewrite file, boolean withDiff) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", file.relativePath());
        entry.put("edits", file.edits().size());
        if (file.deleted()) {
            entry.put("deleted", true);
        }
        if (withDiff && !file.showsSecretLiteral()) {
            entry.put("diff", UnifiedDiff.of(file));
        }
        return entry;
    }
}
