package io.wimigrate.rewriter;

import io.wimigrate.planner.model.Plan;
import io.wimigrate.scanner.DaemonThreads;
import io.wimigrate.scanner.repo.RepoWalker;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code migrate rewrite} on one repository: walks it as the scan does (same ignore rules), once. The recipes run on
 * the files they accept, on every core (workers read, decode and rewrite them while the walk goes on), while the walk
 * reads and keeps the YAML for the manifests, which are rewritten once the walk is done; their edits are then merged
 * per file. Nothing is written here; the result says what would change, in walk order whatever the threads did.
 */
public final class RepoRewriter {

    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    /** What a file that is not text (or cannot be read) gives: nothing. */
    private static final Outcome NOTHING = new Outcome(null, List.of(), List.of());

    private final RepoWalker walker = new RepoWalker();
    private final List<Recipe> recipes = List.of(new JavaCredentialRecipe(), new MavenIdentityVersionRecipe(),
            new GradleIdentityVersionRecipe(), new VersionCatalogIdentityVersionRecipe(),
            new SpringConfigRecipe(), new SourceCredentialRecipe());

    /**
     * What the recipes made of one file: its text (null when it is not UTF-8, or when nothing changes: then it is not
     * kept), their edits and notes.
     */
    private record Outcome(String text, List<TextEdit> edits, List<RewriteNote> notes) {
    }

    /** A file the walk read, in walk order: {@code outcome} is null when no recipe accepts it. */
    private record Walked(String path, Future<Outcome> outcome) {
    }

    public RewriteResult rewrite(Path root) {
        return rewrite(root, null, null);
    }

    /**
     * With a plan, the manifests take the plan's service accounts, client ids and steps; without one ({@code plan}
     * null) what the repository says, and notes name what needs the plan. {@code planPath} names it in notes.
     */
    public RewriteResult rewrite(Path root, Plan plan, String planPath) {
        ExecutorService workers = Executors.newFixedThreadPool(THREADS, DaemonThreads.named("rewrite-worker"));
        List<Walked> walked = new ArrayList<>();
        ManifestFiles manifestFiles = new ManifestFiles();
        List<RewriteNote> linked = new ArrayList<>();
        try {
            walker.findFiles(root, path -> ManifestFiles.wanted(path) || anyRecipeAccepts(recipes, path), file -> {
                String relativePath = file.relativePath();
                if (!ManifestFiles.wanted(relativePath)) {
                    walked.add(new Walked(relativePath, workers.submit(() -> readAndRewrite(file))));
                    return;
                }
                byte[] bytes = walker.textBytes(file);
                if (bytes == null) {
                    return;
                }
                if (file.throughLink()) {
                    linked.add(linkedNote(relativePath));
                    return;
                }
                manifestFiles.offer(relativePath, bytes);
                walked.add(new Walked(relativePath, anyRecipeAccepts(recipes, relativePath)
                        ? workers.submit(() -> recipeEdits(relativePath, bytes, recipes)) : null));
            });
            // The workers go on with the code while the manifests are rewritten here.
            List<RewriteNote> notes = new ArrayList<>(linked);
            ManifestTargets targets = plan == null ? new RepoTargets() : new PlanTargets(plan, planPath);
            RepoManifests repo = RepoManifests.load(root, manifestFiles.paths, manifestFiles::text, plan != null, notes);
            ManifestRecipe.Changes manifests = new ManifestRecipe(targets).rewrite(repo, notes);
            for (String chart : repo.charts) {
                ChartValuesNotes.add(chart, manifestFiles.paths, manifestFiles::text, manifests.edits(),
                        manifests.deleted(), notes);
            }
            Optional<ExplicitIdentity> explicit = targets.explicitIdentity(manifests.rewritten());
            List<Recipe> withIdentity = explicit.isEmpty() ? null : recipes.stream()
                    .map(recipe -> recipe instanceof JavaCredentialRecipe ? new JavaCredentialRecipe(explicit.get()) : recipe)
                    .toList();
            List<FileRewrite> files = new ArrayList<>();
            for (Walked file : walked) {
                FileRewrite rewrite = merge(file, manifests, manifestFiles, withIdentity, notes);
                if (rewrite != null && rewrite.changes()) {
                    files.add(rewrite);
                    if (rewrite.showsSecretLiteral()) {
                        notes.add(new RewriteNote(rewrite.relativePath(), 0, 0, "secret-in-source", "Hard-codes a credential:"
                                + " the change is left out of the patch, which would copy the secret. Apply it with"
                                + " --write or by hand, and rotate the secret."));
                    }
                }
            }
            return new RewriteResult(files, notes);
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * The recipes' and the manifests' edits of one file together. Only code the recipes changed can need the plan's
     * explicit identity ({@code withIdentity}: the recipes naming it, null when the plan names none): it is rewritten
     * again with them.
     */
    private static FileRewrite merge(Walked file, ManifestRecipe.Changes manifests, ManifestFiles manifestFiles,
                                     List<Recipe> withIdentity, List<RewriteNote> notes) {
        String path = file.path();
        if (manifests.deleted().contains(path)) {
            return FileRewrite.deletion(path, manifestFiles.text(path));
        }
        Outcome outcome = file.outcome() == null ? null : result(file.outcome());
        if (outcome != null && outcome.text() != null && withIdentity != null) {
            outcome = recipeEdits(path, outcome.text(), withIdentity);
        }
        List<TextEdit> edits = new ArrayList<>(manifests.edits().getOrDefault(path, List.of()));
        if (outcome != null) {
            notes.addAll(outcome.notes());
            edits.addAll(outcome.edits());
        }
        if (edits.isEmpty()) {
            return null;
        }
        String text = outcome != null && outcome.text() != null ? outcome.text() : manifestFiles.text(path);
        return new FileRewrite(path, text, edits);
    }

    /** A file only the recipes look at, read on the worker that rewrites it. */
    private Outcome readAndRewrite(RepoWalker.FoundFile file) {
        byte[] bytes = walker.textBytes(file);
        if (bytes == null) {
            return NOTHING;
        }
        if (file.throughLink()) {
            return new Outcome(null, List.of(), List.of(linkedNote(file.relativePath())));
        }
        return recipeEdits(file.relativePath(), bytes, recipes);
    }

    /**
     * Writing a file reached through a symbolic link would replace the link, or write where it leads: maybe
     * outside the repo.
     */
    private static RewriteNote linkedNote(String relativePath) {
        return new RewriteNote(relativePath, 0, 0, "symlink", "Reached through a symbolic link; left unchanged."
                + " Rewrite the file where it really is.");
    }

    private static boolean anyRecipeAccepts(List<Recipe> recipes, String relativePath) {
        return recipes.stream().anyMatch(recipe -> recipe.accepts(relativePath));
    }

    private static Outcome recipeEdits(String relativePath, byte[] bytes, List<Recipe> recipes) {
        String text = utf8OrNull(bytes);
        if (text == null) {
            return new Outcome(null, List.of(), List.of(new RewriteNote(relativePath, 0, 0, "not-utf8",
                    "Not valid UTF-8; left unchanged.")));
        }
        return recipeEdits(relativePath, text, recipes);
    }

    private static Outcome recipeEdits(String relativePath, String text, List<Recipe> recipes) {
        List<RewriteNote> notes = new ArrayList<>();
        List<TextEdit> edits = new ArrayList<>();
        for (Recipe recipe : recipes) {
            if (recipe.accepts(relativePath)) {
                edits.addAll(recipe.edits(relativePath, text, notes));
            }
        }
        return new Outcome(edits.isEmpty() ? null : text, edits, notes);
    }

    /**
     * The text of a file's bytes, null when they are not valid UTF-8. The fast decoding replaces invalid bytes with
     * U+FFFD, so only a text holding one needs the strict check (the character may be in the file itself).
     */
    static String utf8OrNull(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Outcome result(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rewriting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
