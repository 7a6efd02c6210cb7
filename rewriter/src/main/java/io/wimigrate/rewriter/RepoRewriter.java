package io.wimigrate.rewriter;

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

/**
 * {@code migrate rewrite} on one repository: walks it as the scan does (same ignore rules) and runs each recipe on the
 * files it accepts. Nothing is written here; the result says what would change.
 */
public final class RepoRewriter {

    private final RepoWalker walker = new RepoWalker();
    private final List<Recipe> recipes = List.of(new JavaCredentialRecipe(), new MavenIdentityVersionRecipe(),
            new GradleIdentityVersionRecipe(), new VersionCatalogIdentityVersionRecipe());

    public RewriteResult rewrite(Path root) {
        List<FileRewrite> files = new ArrayList<>();
        List<RewriteNote> notes = new ArrayList<>();
        Path realRoot = realPath(root, ".");
        for (String relativePath : walker.textFiles(root)) {
            List<Recipe> accepting = recipes.stream().filter(recipe -> recipe.accepts(relativePath)).toList();
            if (accepting.isEmpty()) {
                continue;
            }
            Path file = root.resolve(relativePath);
            if (!realPath(file, relativePath).equals(realRoot.resolve(relativePath).normalize())) {
                // Writing it would replace the link, or write where the link leads: maybe outside the repository.
                notes.add(new RewriteNote(relativePath, 0, 0, "symlink",
                        "Reached through a symbolic link; left unchanged. Rewrite the file where it really is."));
                continue;
            }
            String text;
            try {
                text = read(file);
            } catch (CharacterCodingException e) {
                notes.add(new RewriteNote(relativePath, 0, 0, "not-utf8", "Not valid UTF-8; left unchanged."));
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + relativePath + ": " + e.getMessage(), e);
            }
            List<TextEdit> edits = new ArrayList<>();
            for (Recipe recipe : accepting) {
                edits.addAll(recipe.edits(relativePath, text, notes));
            }
            FileRewrite rewrite = new FileRewrite(relativePath, text, edits);
            if (rewrite.changes()) {
                files.add(rewrite);
                if (rewrite.showsSecretLiteral()) {
                    notes.add(new RewriteNote(relativePath, 0, 0, "secret-in-source", "Hard-codes a credential: the"
                            + " change is left out of the patch, which would copy the secret. Apply it with --write"
                            + " or by hand, and rotate the secret."));
                }
            }
        }
        return new RewriteResult(files, notes);
    }

    private static Path realPath(Path path, String shown) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + shown + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    }
}
