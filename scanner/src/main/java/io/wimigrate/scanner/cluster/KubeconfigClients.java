package io.wimigrate.scanner.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.InputLimits;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds fabric8 clients from a kubeconfig: an explicit file, else {@code KUBECONFIG}, else {@code ~/.kube/config}.
 * TLS verification is always on (a context that turns it off is refused), and retries are bounded so an unreachable server fails in seconds, not minutes.
 */
public final class KubeconfigClients {

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int REQUEST_TIMEOUT_MILLIS = 30_000;
    static final int RETRIES = 1;
    static final int RETRY_INTERVAL_MILLIS = 200;

    private static final ObjectMapper YAML = new ObjectMapper(InputLimits.yaml(YAMLFactory.builder()).build());
    /**
     * fabric8 turns a kubeconfig's client key into KeyManagers through an in-memory PKCS12 store under a fixed password,
     * then reads the key back: 2 x 10,000 PBKDF2 rounds (a third of a second of a small scan) that protect nothing, as
     * the store never leaves the process. The JDK's own property lowers them, unless the user set it; migrate writes no
     * PKCS12 file.
     */
    private static final String PKCS12_KEY_ROUNDS = "keystore.pkcs12.keyPbeIterationCount";

    private final List<Path> files;

    private KubeconfigClients(List<Path> files) {
        this.files = files;
    }

    /** {@code kubeconfig} null means {@code KUBECONFIG} or {@code ~/.kube/config}. */
    public static KubeconfigClients of(Path kubeconfig) {
        List<Path> files = new ArrayList<>();
        if (kubeconfig != null) {
            files.add(kubeconfig);
        } else {
            String env = System.getenv("KUBECONFIG");
            if (env != null && !env.isBlank()) {
                for (String part : env.split(File.pathSeparator)) {
                    if (!part.isBlank()) {
                        files.add(Path.of(part));
                    }
                }
            } else {
                files.add(Path.of(System.getProperty("user.home"), ".kube", "config"));
            }
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("kubeconfig " + file + " does not exist or is not a file");
            }
        }
        return new KubeconfigClients(List.copyOf(files));
    }

    /** Every context name, sorted, for {@code --all-contexts}. */
    public List<String> contexts() {
        Set<String> names = new TreeSet<>();
        for (Path file : files) {
            read(file).path("contexts").forEach(c -> {
                if (c.hasNonNull("name")) {
                    names.add(c.get("name").asText());
                }
            });
        }
        return List.copyOf(names);
    }

    /** The context named by {@code current-context} in the first file that sets one. */
    public String currentContext() {
        for (Path file : files) {
            JsonNode current = read(file).get("current-context");
            if (current != null && !current.asText().isEmpty()) {
                return current.asText();
            }
        }
        throw new BadInputException("kubeconfig " + files + " sets no current-context: pass --context");
    }

    /** A client for {@code context} (null: the current context). The caller closes it. */
    public KubernetesClient client(String context) {
        String name = context == null ? currentContext() : context;
        if (!contexts().contains(name)) {
            throw new BadInputException("context \"" + name + "\" is not in kubeconfig " + files
                    + "; known contexts: " + String.join(", ", contexts()));
        }
        Config config;
        try {
            config = files.size() == 1 ? Config.fromKubeconfig(name, files.get(0).toFile()) : Config.autoConfigure(name);
        } catch (RuntimeException e) {
            // fabric8's message may quote kubeconfig content, which can hold credentials: name the failure only.
            throw new BadInputException("kubeconfig " + files + ": context \"" + name + "\" cannot be used ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        if (config.isTrustCerts() || config.isDisableHostnameVerification()) {
            // Refused rather than quietly verified anyway: the user should learn that this context is not verified
            // elsewhere either, and fix it once with the cluster's CA.
            throw new BadInputException("kubeconfig " + files + ": context \"" + name + "\" sets"
                    + " insecure-skip-tls-verify; migrate never turns TLS verification off: give the cluster's"
                    + " certificate-authority (or certificate-authority-data) instead");
        }
        config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MILLIS);
        config.setRequestRetryBackoffLimit(RETRIES);
        config.setRequestRetryBackoffInterval(RETRY_INTERVAL_MILLIS);
        if (System.getProperty(PKCS12_KEY_ROUNDS) == null) {
            System.setProperty(PKCS12_KEY_ROUNDS, "1");
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(InputLimits.readString(file, "kubeconfig " + file));
        } catch (IOException e) {
            // The parser's message can quote the file, and a kubeconfig holds credentials: name the file only.
            throw new BadInputException("kubeconfig " + file + " is not valid YAML", e);
        }
    }
}
