package io.wimigrate.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the control-plane binaries built by {@code tools/localcluster/build} are. The build script is run (it is a
 * no-op when its cache is current) unless {@code WIMIGRATE_LOCALCLUSTER_BIN} names the directory already.
 */
record ClusterBinaries(Path dir) {

    static final List<String> REQUIRED = List.of(
            "etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl", "kwok", "azure-wi-webhook");

    static ClusterBinaries locate() {
        String fromEnvironment = System.getenv("WIMIGRATE_LOCALCLUSTER_BIN");
        ClusterBinaries binaries = new ClusterBinaries(
                fromEnvironment != null ? Path.of(fromEnvironment) : build(projectRoot()));
        for (String name : REQUIRED) {
            if (!Files.isExecutable(binaries.path(name))) {
                throw new IllegalStateException("missing control-plane binary " + binaries.path(name)
                        + ": run tools/localcluster/build");
            }
        }
        return binaries;
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    private static Path build(Path root) {
        Path script = root.resolve("tools/localcluster/build");
        try {
            Process process = new ProcessBuilder(script.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(script + " failed with exit code " + process.exitValue());
            }
            return Path.of(output.substring(output.lastIndexOf('\n') + 1).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the local cluster", e);
        }
    }

    /** The nearest directory above the working directory that holds tools/localcluster/build. */
    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tools/localcluster/build"))) {
                return dir;
            }
        }
        throw new IllegalStateException("tools/localcluster/build not found above " + Path.of("").toAbsolutePath());
    }
}
