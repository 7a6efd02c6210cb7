package io.wimigrate.rewriter;

import io.wimigrate.planner.model.Plan;
import io.wimigrate.scanner.repo.RepoWalker;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.Semaphore;

/**
 * {@code migrate rewrite} on one repository: walks it as the scan does (same ignore rules). First the manifests
 * (YAML, kustomizations and chart templates, read in their own walk), whose result the credential code may need; then
 * each recipe runs on the files it accepts, on every core (the walk reads; workers decode and rewrite), with the
 * manifest edits merged in. Nothing is written here; the result says what would change, in walk order whatever the
 * threads did.
 */
public final class RepoRewriter {

    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    /** Files read but not yet rewritten, at most: bounds the memory a fast walk can fill. */
    private static final int IN_FLIGHT = THREADS * 16;

    private final RepoWalker walker = new RepoWalker();
    private final List<Recipe> recipes = List.of(new JavaCredentialRecipe(), new MavenIdentityVersionRecipe(),
            new GradleIdentityVersionRecipe(), new VersionCatalogIdentityVersionRecipe(),
            new SpringConfigRecipe(), new SourceCredentialRecipe());

    /** What one file gave: its rewrite (null when nothing changes) and its notes. */
    private record Outcome(FileRewrite rewrite, List<RewriteNote> notes) {
    }

    public RewriteResult rewrite(Path root) {
        return rewrite(root, null, null);
    }

    /**
     * With a plan, the manifests take the plan's service accounts, client ids and steps; without one ({@code plan}
     * null) what the repository says, and notes name what needs the plan. {@code planPath} names it in notes.
     */
    public RewriteResult rewrite(Path root, Plan plan, String planPath) {
        List<RewriteNote> manifestNotes = new ArrayList<>();
        ManifestFiles manifestFiles = ManifestFiles.read(walker, root);
        ManifestTargets targets = plan == null ? new RepoTargets() : new PlanTargets(plan, planPath);
        RepoManifests repo = RepoManifests.load(root, manifestFiles.paths, manifestFiles::text, plan != null,
                manifestNotes);
        ManifestRecipe.Changes manifests = new ManifestRecipe(targets).rewrite(repo, manifestNotes);
        for (String chart : repo.charts) {
            ChartValuesNotes.add(chart, manifestFiles.paths, manifestFiles::text, manifests.edits(),
                    manifests.deleted(), manifestNotes);
        }
        Optional<ExplicitIdentity> explicit = targets.explicitIdentity(manifests.rewritten());
        List<Recipe> active = explicit.isEmpty() ? recipes : recipes.stream()
                .map(recipe -> recipe instanceof JavaCredentialRecipe ? new JavaCredentialRecipe(explicit.get()) : recipe)
                .toList();
        RewriteResult files = rewriteFiles(root, active, manifests);
        List<RewriteNote> notes = new ArrayList<>(manifestNotes);
        notes.addAll(files.notes());
        return new RewriteResult(files.files(), notes);
    }

    private RewriteResult rewriteFiles(Path root, List<Recipe> active, ManifestRecipe.Changes manifests) {
        ExecutorService workers = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "rewrite-worker");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<Future<Outcome>> pending = new ArrayList<>();
        List<RewriteNote> linked = new ArrayList<>();
        Path realRoot = realPath(root, ".");
        try {
            walker.readTextFiles(root, path -> anyRecipeAccepts(active, path) || manifests.edits().containsKey(path)
                    || manifests.deleted().contains(path), (relativePath, bytes) -> {
                        if (!realPath(root.resolve(relativePath), relativePath)
                                .equals(realRoot.resolve(relativePath).normalize())) {
                            // Writing it would replace the link, or write where it leads: maybe outside the repo.
                            linked.add(new RewriteNote(relativePath, 0, 0, "symlink", "Reached through a symbolic"
                                    + " link; left unchanged. Rewrite the file where it really is."));
                            return;
                        }
                        inFlight.acquireUninterruptibly();
                        pending.add(workers.submit(() -> {
                            try {
                                return rewrite(relativePath, bytes, active, manifests);
                            } finally {
                                inFlight.release();
                            }
                        }));
                    });
            List<FileRewrite> files = new ArrayList<>();
            List<RewriteNote> notes = new ArrayList<>(linked);
            for (Future<Outcome> future : pending) {
                Outcome outcome = result(future);
                if (outcome.rewrite() != null) {
                    files.add(outcome.rewrite());
                }
                notes.addAll(outcome.notes());
            }
            return new RewriteResult(files, notes);
        } finally {
            workers.shutdownNow();
        }
    }

    private static boolean anyRecipeAccepts(List<Recipe> recipes, String relativePath) {
        return recipes.stream().anyMatch(recipe -> recipe.accepts(relativePath));
    }

    private static Outcome rewrite(String relativePath, byte[] bytes, List<Recipe> recipes,
                                   ManifestRecipe.Changes manifests) {
        List<RewriteNote> notes = new ArrayList<>();
        String text = utf8OrNull(bytes);
        if (text == null) {
            notes.add(new RewriteNote(relativePath, 0, 0, "not-utf8", "Not valid UTF-8; left unchanged."));
            return new Outcome(null, notes);
        }
        if (manifests.deleted().contains(relativePath)) {
            return new Outcome(FileRewrite.deletion(relativePath, text), notes);
        }
        List<TextEdit> edits = new ArrayList<>(manifests.edits().getOrDefault(relativePath, List.of()));
        for (Recipe recipe : recipes) {
            if (recipe.accepts(relativePath)) {
                edits.addAll(recipe.edits(relativePath, text, notes));
            }
        }
        FileRewrite rewrite = new FileRewrite(relativePath, text, edits);
        if (rewrite.changes() && rewrite.showsSecretLiteral()) {
            notes.add(new RewriteNote(relativePath, 0, 0, "secret-in-source", "Hard-codes a credential: the change is"
                    + " left out of the patch, which would copy the secret. Apply it with --write or by hand, and"
                    + " rotate the secret."));
        }
        return new Outcome(rewrite.changes() ? rewrite : null, notes);
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

    private static Path realPath(Path path, String shown) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + shown + ": " + e.getMessage(), e);
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
