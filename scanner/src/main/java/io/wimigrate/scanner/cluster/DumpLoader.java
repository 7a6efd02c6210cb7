package io.wimigrate.scanner.cluster;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.InputLimits;
import io.wimigrate.scanner.ParserMessages;
import io.wimigrate.scanner.Progress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a directory of {@code kubectl get ... -o yaml|json} output into a {@link ClusterSnapshot}. Files are read in
 * sorted order so the snapshot does not depend on the file system. Anything unusable stops the load with a
 * {@link BadInputException} that names the file.
 */
public final class DumpLoader {

    private static final ObjectMapper JSON = new ObjectMapper(InputLimits.json());

    /** Values a YAML file may expand to beyond one per character of its text. */
    private static final long EXPANSION_ALLOWANCE = 1_000_000;

    private final boolean readSecrets;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    public DumpLoader(boolean readSecrets) {
        this.readSecrets = readSecrets;
    }

    public ClusterSnapshot load(Path dir, String displayName, Progress progress) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("dump directory " + dir + " does not exist or is not a directory");
        }
        List<Path> files = manifestFiles(dir);
        Loaded loaded = new Loaded();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String shown = dir.relativize(file).toString().replace('\\', '/');
            progress.update("read " + shown, i, files.size());
            readFile(file, shown, loaded);
        }
        progress.update("read dump " + displayName, files.size(), files.size());
        return new ClusterSnapshot(displayName, loaded.issuer, kubeSystemUid(loaded.objects), loaded.objects,
                readSecrets ? loaded.secrets : null, List.of());
    }

    static List<Path> manifestFiles(Path dir) {
        // Directories are skipped but everything else with a manifest name is kept, so that a dangling link or a
        // special file fails loudly instead of vanishing from the inventory.
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !Files.isDirectory(p) && isManifestName(p)).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("cannot list dump directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isManifestName(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private void readFile(Path file, String shown, Loaded loaded) {
        String text = decode(file, shown);
        boolean json = shown.toLowerCase(Locale.ROOT).endsWith(".json");
        List<JsonNode> documents = parse(text, json, shown);
        for (int d = 0; d < documents.size(); d++) {
            JsonNode document = documents.get(d);
            if (document == null || document.isNull() || document.isMissingNode()) {
                continue;
            }
            String where = shown + ": document " + (d + 1);
            if (document.isObject() && document.has("issuer") && document.has("jwks_uri") && !document.has("kind")) {
                loaded.issuer = document.get("issuer").asText();
                continue;
            }
            addDocument(document, where, loaded);
        }
    }

    private void addDocument(JsonNode document, String where, Loaded loaded) {
        String kind = text(document, "kind");
        if (!document.isObject() || kind == null || text(document, "apiVersion") == null) {
            throw new BadInputException(where + " has no kind/apiVersion: not a Kubernetes object");
        }
        if (kind.endsWith("List") && document.path("items").isArray()) {
            Iterator<JsonNode> items = document.get("items").elements();
            for (int i = 1; items.hasNext(); i++) {
                addDocument(items.next(), where + " item " + i, loaded);
            }
            return;
        }
        if ("Secret".equals(kind) && "v1".equals(text(document, "apiVersion"))) {
            if (readSecrets) {
                loaded.secrets.add(keysOf(document));
            }
            return;
        }
        KubernetesResource resource;
        try {
            resource = serialization.convertValue(document, KubernetesResource.class);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(where + " is not a valid " + kind + ": " + ParserMessages.withoutQuotes(e.getMessage()), e);
        }
        if (resource instanceof HasMetadata object) {
            if (object.getMetadata() == null || object.getMetadata().getName() == null
                    || object.getMetadata().getName().isBlank()) {
                throw new BadInputException(where + " (" + kind + ") has no metadata.name: not an object as kubectl"
                        + " get writes it");
            }
            loaded.objects.add(object);
        }
    }

    /** Reduces a Secret to key names and value lengths; the caller drops the document right after. */
    private static SecretKeys keysOf(JsonNode secret) {
        Map<String, Integer> lengths = new TreeMap<>();
        secret.path("data").fields().forEachRemaining(
                e -> lengths.put(e.getKey(), SecretKeys.decodedLength(e.getValue().asText())));
        secret.path("stringData").fields().forEachRemaining(
                e -> lengths.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8).length));
        JsonNode metadata = secret.path("metadata");
        String namespace = metadata.path("namespace").asText("default");
        return new SecretKeys(namespace, metadata.path("name").asText(""), new TreeMap<>(lengths));
    }

    private static String decode(Path file, String shown) {
        byte[] bytes;
        try {
            InputLimits.checkSize(file, shown);
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + shown + ": " + describe(e), e);
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new BadInputException(shown + " is a binary file (contains NUL bytes), not YAML or JSON");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(shown + " is not UTF-8 text (binary file?)", e);
        }
    }

    private static List<JsonNode> parse(String text, boolean json, String shown) {
        return json ? parseJson(text, shown) : parseYaml(text, shown);
    }

    private static List<JsonNode> parseJson(String text, String shown) {
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(text);
             MappingIterator<JsonNode> values = JSON.readValues(parser, JsonNode.class)) {
            while (values.hasNextValue()) {
                documents.add(values.nextValue());
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new BadInputException(shown + position + ": malformed JSON: " + ParserMessages.withoutQuotes(e.getOriginalMessage()),
                    e);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + shown + ": " + describe(e), e);
        }
        return documents;
    }

    /**
     * snakeyaml-engine resolves anchors and aliases (bounded, against alias bombs), which Jackson's YAML does not. It
     * has no nesting limit and builds documents recursively, so the depth is checked first on the parser's events.
     */
    private static List<JsonNode> parseYaml(String text, String shown) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(shown)
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(InputLimits.MAX_ALIASES)
                .setCodePointLimit((int) InputLimits.MAX_FILE_BYTES)
                .build();
        List<JsonNode> documents = new ArrayList<>();
        try {
            checkNesting(settings, text, shown);
            long budget = text.length() + EXPANSION_ALLOWANCE;
            for (Object document : new Load(settings).loadAllFromString(text)) {
                if (document != null) {
                    budget -= expandedSize(document, new IdentityHashMap<>(), budget, shown);
                    documents.add(asTree(document, shown));
                }
            }
        } catch (MarkedYamlEngineException e) {
            String position = e.getProblemMark()
                    .map(mark -> ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1)).orElse("");
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw new BadInputException(shown + position + ": malformed YAML: " + ParserMessages.withoutQuotes(context
                    + e.getProblem()), e);
        } catch (YamlEngineException e) {
            throw new BadInputException(shown + ": malformed YAML: " + ParserMessages.withoutQuotes(e.getMessage()), e);
        }
        return documents;
    }

    /** YAML allows what JSON cannot hold, such as an empty (null) mapping key: no Kubernetes object has one. */
    private static JsonNode asTree(Object document, String shown) {
        try {
            return JSON.valueToTree(document);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(shown + ": not representable as JSON (an empty mapping key?): not a Kubernetes"
                    + " object", e);
        }
    }

    /**
     * How many values {@code node} becomes once its aliases are expanded, as converting it to a tree would make them;
     * shared parts are counted once per use but visited once. Refuses a document that expands far beyond its text
     * (an alias bomb within the alias limit, such as 25 levels that each use the previous one twice) or contains
     * itself.
     */
    private static long expandedSize(Object node, Map<Object, Long> sizes, long budget, String shown) {
        if (!(node instanceof Map<?, ?>) && !(node instanceof Collection<?>)) {
            return 1;
        }
        Long known = sizes.get(node);
        if (known != null) {
            if (known < 0) {
                throw new BadInputException(shown + ": an alias refers to a collection that contains it: refused");
            }
            return known;
        }
        sizes.put(node, -1L);
        long size = 1;
        Collection<?> children = node instanceof Map<?, ?> map ? map.values() : (Collection<?>) node;
        for (Object child : children) {
            size += expandedSize(child, sizes, budget, shown) + (node instanceof Map<?, ?> ? 1 : 0);
            if (size > budget) {
                throw new BadInputException(shown + ": aliases expand it beyond " + budget + " values: refused"
                        + " (alias bomb?)");
            }
        }
        sizes.put(node, size);
        return size;
    }

    private static void checkNesting(LoadSettings settings, String text, String shown) {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            if (event instanceof CollectionStartEvent) {
                if (++depth > InputLimits.MAX_NESTING_DEPTH) {
                    String line = event.getStartMark().map(mark -> ":" + (mark.getLine() + 1)).orElse("");
                    throw new BadInputException(shown + line + ": nested deeper than " + InputLimits.MAX_NESTING_DEPTH
                            + " levels: refused (a Kubernetes object nests about 15)");
                }
            } else if (event instanceof CollectionEndEvent) {
                depth--;
            }
        }
    }

    private static String kubeSystemUid(List<HasMetadata> objects) {
        return objects.stream()
                .filter(o -> "Namespace".equals(o.getKind()) && "kube-system".equals(o.getMetadata().getName()))
                .map(o -> o.getMetadata().getUid())
                .findFirst()
                .orElse(null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isEmpty() ? null : value.asText();
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return switch (type) {
            case "NoSuchFileException" -> "no such file (dangling link?)";
            case "AccessDeniedException" -> "permission denied";
            default -> e.getMessage() == null ? type : e.getMessage();
        };
    }

    private static final class Loaded {
        final List<HasMetadata> objects = new ArrayList<>();
        final List<SecretKeys> secrets = new ArrayList<>();
        String issuer;
    }
}
