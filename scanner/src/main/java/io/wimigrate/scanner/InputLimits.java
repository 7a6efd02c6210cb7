package io.wimigrate.scanner;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Bounds on every file the tool reads (dumps, inventories, plans, overrides, kubeconfigs), so that a hostile or broken
 * file is refused with a message naming it instead of exhausting memory or the stack.
 */
public final class InputLimits {

    /** A dump of 10,000 pods as one YAML file is about 80 MiB. */
    public static final long MAX_FILE_BYTES = 128L * 1024 * 1024;
    /** Kubernetes objects nest about 15 levels deep, plans and inventories less. */
    public static final int MAX_NESTING_DEPTH = 100;
    /** Aliases that expand collections (the "billion laughs" alias bomb needs many). */
    public static final int MAX_ALIASES = 50;

    private InputLimits() {
    }

    /** @throws BadInputException naming {@code shown} when the file is larger than {@link #MAX_FILE_BYTES} */
    public static void checkSize(Path file, String shown) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new BadInputException(shown + " is " + size / (1024 * 1024) + " MiB, larger than the "
                    + MAX_FILE_BYTES / (1024 * 1024) + " MiB a file may have: refused (split it into several files)");
        }
    }

    /** The file's text, after {@link #checkSize}. */
    public static String readString(Path file, String shown) throws IOException {
        checkSize(file, shown);
        return Files.readString(file);
    }

    /** A YAML factory for Jackson with these limits (SnakeYAML's default code point limit is only 3 MB). */
    public static YAMLFactoryBuilder yaml(YAMLFactoryBuilder builder) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        return builder.loaderOptions(options).streamReadConstraints(constraints());
    }

    /** A JSON factory for Jackson with these limits. */
    public static JsonFactory json() {
        return JsonFactory.builder().streamReadConstraints(constraints()).build();
    }

    private static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build();
    }
}
