package io.wimigrate.rewriter;

import io.wimigrate.scanner.repo.RepoWalker;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * {@code migrate rewrite} on one repository: walks it as the scan does (same ignore rules) and runs each recipe on the
 * files it accepts, on every core (the walk reads; workers decode and rewrite). Nothing is written here; the result
 * says what would change, in walk order whatever the threads did.
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
        ExecutorService workers = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "rewrite-worker");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<Future<Outcome>> pending = new ArrayList<>();
        try {
            walker.readTextFiles(root, this::anyRecipeAccepts, (relativePath, bytes) -> {
                inFlight.acquireUninterruptibly();
                pending.add(workers.submit(() -> {
                    try {
                        return rewrite(relativePath, bytes);
                    } finally {
                        inFlight.release();
                    }
                }));
            });
            List<FileRewrite> files = new ArrayList<>();
            List<RewriteNote> notes = new ArrayList<>();
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

    private boolean anyRecipeAccepts(String relativePath) {
        return recipes.stream().anyMatch(recipe -> recipe.accepts(relativePath));
    }

    private Outcome rewrite(String relativePath, byte[] bytes) {
        List<RewriteNote> notes = new ArrayList<>();
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0 && !isUtf8(bytes)) {
            notes.add(new RewriteNote(relativePath, 0, 0, "not-utf8", "Not valid UTF-8; left unchanged."));
            return new Outcome(null, notes);
        }
        List<TextEdit> edits = new ArrayList<>();
        for (Recipe recipe : recipes) {
            if (recipe.accepts(relativePath)) {
                edits.addAll(recipe.edits(relativePath, text, notes));
            }
        }
        FileRewrite rewrite = new FileRewrite(relativePath, text, edits);
        return new Outcome(rewrite.changes() ? rewrite : null, notes);
    }

    /**
     * The fast decoding above replaces invalid bytes with U+FFFD, so only a text holding one needs this strict check
     * (the character may be in the file itself).
     */
    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
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
