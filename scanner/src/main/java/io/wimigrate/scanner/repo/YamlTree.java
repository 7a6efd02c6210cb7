package io.wimigrate.scanner.repo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * YAML composed into nodes that keep their positions. Aliases resolve to the anchored node (at most
 * {@value #MAX_ALIASES} collection aliases per file, which stops alias bombs); merge keys ({@code <<}) are followed.
 * The rewriter composes with it too, to edit where the nodes were read.
 */
public final class YamlTree {

    static final int MAX_ALIASES = 50;
    /** Deeper nesting than this is not a manifest; it also bounds walks over recursive anchors. */
    public static final int MAX_DEPTH = 64;

    /** Why a file is not YAML, at the parser's 1-based position (0 when unknown). */
    public static final class Unparsable extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        Unparsable(int line, int column) {
            super("YAML does not parse at " + line + ":" + column);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    private YamlTree() {
    }

    /** Every document of the text; the parser's message is dropped since it quotes the text, secrets included. */
    public static List<Node> documents(String text) throws Unparsable {
        LoadSettings settings = LoadSettings.builder()
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit((int) RepoWalker.DEFAULT_MAX_BYTES)
                .build();
        List<Node> documents = new ArrayList<>();
        try {
            for (Node document : new Compose(settings).composeAllFromString(text)) {
                documents.add(document);
            }
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            throw new Unparsable(mark.map(m -> m.getLine() + 1).orElse(0), mark.map(m -> m.getColumn() + 1).orElse(0));
        } catch (YamlEngineException e) {
            throw new Unparsable(0, 0);
        }
        return documents;
    }

    /** The entries of a mapping, those merged in through {@code <<} included (after the mapping's own). */
    static List<NodeTuple> entries(Node node) {
        List<NodeTuple> entries = new ArrayList<>();
        collectEntries(node, entries, 0);
        return entries;
    }

    private static void collectEntries(Node node, List<NodeTuple> entries, int depth) {
        if (!(node instanceof MappingNode mapping) || depth > MAX_DEPTH) {
            return;
        }
        List<Node> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if ("<<".equals(scalar(tuple.getKeyNode()))) {
                if (tuple.getValueNode() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode sequence) {
                    merged.addAll(sequence.getValue());
                } else {
                    merged.add(tuple.getValueNode());
                }
            } else {
                entries.add(tuple);
            }
        }
        merged.forEach(source -> collectEntries(source, entries, depth + 1));
    }

    static Optional<Node> get(Node mapping, String key) {
        return entries(mapping).stream().filter(tuple -> key.equals(scalar(tuple.getKeyNode())))
                .map(NodeTuple::getValueNode).findFirst();
    }

    /** Looks a key up ignoring case, as legacy pod-identity fields need. */
    static Optional<Node> getIgnoreCase(Node mapping, String key) {
        return entries(mapping).stream().filter(tuple -> key.equalsIgnoreCase(scalar(tuple.getKeyNode())))
                .map(NodeTuple::getValueNode).findFirst();
    }

    static Optional<Node> path(Node node, String... keys) {
        Optional<Node> current = Optional.of(node);
        for (String key : keys) {
            current = current.flatMap(n -> get(n, key));
        }
        return current;
    }

    /** The text of a scalar node, null for collections. */
    public static String scalar(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    static int column(Node node) {
        return node.getStartMark().map(mark -> mark.getColumn() + 1).orElse(0);
    }
}
