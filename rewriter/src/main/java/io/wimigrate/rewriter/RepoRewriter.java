package io.wimigrate.rewriter;

import io.wimigrate.planner.model.Plan;
import io.wimigrate.scanner.repo.RepoWalker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code migrate rewrite} on one repository: walks it as the scan does (same ignore rules) and runs each recipe on the
 * files it accepts. Nothing is written here; the result says what would change.
 */
public final class RepoRewriter {

    private final RepoWalker walker = new RepoWalker();
    private final List<Recipe> recipes = List.of(new JavaCredentialRecipe(), new MavenIdentityVersionRecipe(),
            new GradleIdentityVersionRecipe(), new VersionCatalogIdentityVersionRecipe());

    public RewriteResult rewrite(Path root) {
        return rewrite(root, null, null);
    }

    /**
     * With a plan, the manifests take the plan's service accounts, client ids and steps; without one ({@code plan}
     * null) what the repository says, and notes name what needs the plan. {@code planPath} names it in notes.
     */
    public RewriteResult rewrite(Path root, Plan plan, String planPath) {
        List<FileRewrite> files = new ArrayList<>();
        List<RewriteNote> notes = new ArrayList<>();
        List<String> textFiles = walker.textFiles(root);
        ManifestTargets targets = plan == null ? new RepoTargets() : new PlanTargets(plan, planPath);
        RepoManifests repo = RepoManifests.load(root, textFiles, path -> readOrNull(root, path), plan != null, notes);
        ManifestRecipe.Changes manifests = new ManifestRecipe(targets).rewrite(repo, notes);
        for (String chart : repo.charts) {
            ChartValuesNotes.add(chart, textFiles, path -> readOrNull(root, path), manifests.edits(), manifests.deleted(),
                    notes);
        }
        Optional<ExplicitIdentity> explicit = targets.explicitIdentity(manifests.rewritten());
        List<Recipe> active = explicit.isEmpty() ? recipes : recipes.stream()
                .map(recipe -> recipe instanceof JavaCredentialRecipe ? new JavaCredentialRecipe(explicit.get()) : recipe)
                .toList();
        for (String relativePath : textFiles) {
            List<Recipe> accepting = active.stream().filter(recipe -> recipe.accepts(relativePath)).toList();
            List<TextEdit> manifestEdits = manifests.edits().getOrDefault(relativePath, List.of());
            boolean deleted = manifests.deleted().contains(relativePath);
            if (accepting.isEmpty() && manifestEdits.isEmpty() && !deleted) {
                continue;
            }
            String text;
            try {
                text = read(root.resolve(relativePath));
            } catch (CharacterCodingException e) {
                notes.add(new RewriteNote(relativePath, 0, 0, "not-utf8", "Not valid UTF-8; left unchanged."));
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + relativePath + ": " + e.getMessage(), e);
            }
            if (deleted) {
                files.add(FileRewrite.deletion(relativePath, text));
                continue;
            }
            List<TextEdit> edits = new ArrayList<>(manifestEdits);
            for (Recipe recipe : accepting) {
                edits.addAll(recipe.edits(relativePath, text, notes));
            }
            FileRewrite rewrite = new FileRewrite(relativePath, text, edits);
            if (rewrite.changes()) {
                files.add(rewrite);
            }
        }
        return new RewriteResult(files, notes);
    }

    private static String readOrNull(Path root, String relativePath) {
        try {
            return read(root.resolve(relativePath));
        } catch (IOException e) {
            return null;
        }
    }

    private static String read(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    }
}
