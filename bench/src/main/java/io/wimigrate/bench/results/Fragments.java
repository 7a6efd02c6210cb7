package io.wimigrate.bench.results;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.wimigrate.scanner.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Each benchmark writes its rows to a fragment file (a JSON array of {@link BenchResult}) in one directory; the report
 * joins them in file-name order.
 */
public final class Fragments {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Fragments() {
    }

    public static void write(Path file, List<BenchResult> results) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsString(results) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static List<BenchResult> readAll(Path directory) {
        List<BenchResult> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                all.addAll(JSON.readValue(file.toFile(), new TypeReference<List<BenchResult>>() { }));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fragments in " + directory, e);
        }
        return all;
    }
}
