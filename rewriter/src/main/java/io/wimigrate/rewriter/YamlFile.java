package io.wimigrate.rewriter;

import io.wimigrate.scanner.repo.YamlTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML file composed into nodes whose marks are mapped to exact offsets of the original text, so edits can be made
 * where the parser saw the nodes. The parser may see a masked copy of the text (a Helm template with its actions
 * blanked out), of the same length. Aliases resolve to the anchored node, whose marks are where the anchor is.
 */
final class YamlFile {

    private static final Pattern DOCUMENT_MARKER = Pattern.compile("(?m)^---(?=[ \\t\\r\\n]|$)");

    /** One document: its root and the text it spans, from its {@code ---} line (or the file start) to the next. */
    record Document(Node root, int start, int end) {
    }

    /** Where a node sits: the collection holding it and, in a mapping, its entry. */
    record Parent(CollectionNode<?> collection, NodeTuple entry) {
    }

    final String relativePath;
    final String text;
    final List<Document> documents;
    private final int[] charOffsets;
    private final Map<Node, Parent> parents = new IdentityHashMap<>();
    private final Set<Node> shared = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlFile(String relativePath, String text, List<Document> documents, int[] charOffsets) {
        this.relativePath = relativePath;
        this.text = text;
        this.documents = documents;
        this.charOffsets = charOffsets;
        documents.forEach(document -> index(document.root(), 0));
    }

    static YamlFile parse(String relativePath, String text) throws YamlTree.Unparsable {
        return parse(relativePath, text, text);
    }

    /** Parses {@code parsed} (a masked copy of {@code text}, same length) and keeps {@code text} for the edits. */
    static YamlFile parse(String relativePath, String text, String parsed) throws YamlTree.Unparsable {
        int[] offsets = codePointOffsets(parsed);
        List<Node> roots = YamlTree.documents(parsed);
        List<Integer> markers = new ArrayList<>();
        Matcher marker = DOCUMENT_MARKER.matcher(parsed);
        while (marker.find()) {
            markers.add(marker.start());
        }
        List<Document> documents = new ArrayList<>();
        for (Node root : roots) {
            int at = offset(offsets, root.getStartMark().map(Mark::getIndex).orElse(0));
            int start = 0;
            int end = text.length();
            for (int m : markers) {
                if (m <= at) {
                    start = m;
                } else {
                    end = m;
                    break;
                }
            }
            documents.add(new Document(root, start, end));
        }
        return new YamlFile(relativePath, text, List.copyOf(documents), offsets);
    }

    /** Code point index to char index, for text with characters outside the BMP; null when they are the same. */
    private static int[] codePointOffsets(String text) {
        if (text.codePointCount(0, text.length()) == text.length()) {
            return null;
        }
        int[] offsets = new int[text.codePointCount(0, text.length()) + 1];
        int index = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            offsets[index++] = i;
        }
        offsets[index] = text.length();
        return offsets;
    }

    private static int offset(int[] offsets, int codePointIndex) {
        return offsets == null ? codePointIndex : offsets[Math.min(codePointIndex, offsets.length - 1)];
    }

    private void index(Node node, int depth) {
        if (depth > 64 || !(node instanceof CollectionNode<?> collection)) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                child(tuple.getValueNode(), new Parent(collection, tuple), depth);
            }
        } else {
            for (Node item : ((SequenceNode) node).getValue()) {
                child(item, new Parent(collection, null), depth);
            }
        }
    }

    private void child(Node node, Parent parent, int depth) {
        if (parents.putIfAbsent(node, parent) != null) {
            shared.add(node);
            return;
        }
        index(node, depth + 1);
    }

    Optional<Parent> parent(Node node) {
        return Optional.ofNullable(parents.get(node));
    }

    /** True when the node (or one holding it) is reached through an alias too: an edit would change every use. */
    boolean isShared(Node node) {
        for (Node at = node; at != null; at = Optional.ofNullable(parents.get(at)).map(p -> (Node) p.collection()).orElse(null)) {
            if (shared.contains(at)) {
                return true;
            }
        }
        return false;
    }

    int start(Node node) {
        return offset(charOffsets, node.getStartMark().orElseThrow().getIndex());
    }

    int end(Node node) {
        return offset(charOffsets, node.getEndMark().orElseThrow().getIndex());
    }

    /** 1-based line of an offset. */
    int line(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    int line(Node node) {
        return line(start(node));
    }

    int column(int offset) {
        return offset - lineStart(offset) + 1;
    }

    /**
     * Where the node's own text ends: block collections end at the next token (after any comments following them),
     * so their end is the end of their last child's text; block scalars end before their trailing line breaks.
     */
    int contentEnd(Node node) {
        if (node instanceof ScalarNode scalar) {
            int end = end(scalar);
            if (scalar.getScalarStyle() == ScalarStyle.LITERAL || scalar.getScalarStyle() == ScalarStyle.FOLDED) {
                while (end > start(scalar) && Character.isWhitespace(text.charAt(end - 1))) {
                    end--;
                }
            }
            return end;
        }
        CollectionNode<?> collection = (CollectionNode<?>) node;
        if (collection.getFlowStyle() == FlowStyle.FLOW || collection.getValue().isEmpty()) {
            return end(node);
        }
        if (node instanceof MappingNode mapping) {
            return entryEnd(mapping.getValue().get(mapping.getValue().size() - 1));
        }
        List<Node> items = ((SequenceNode) node).getValue();
        return contentEnd(items.get(items.size() - 1));
    }

    /** The end of an entry's text: an alias value ends where its line's content does. */
    int entryEnd(NodeTuple tuple) {
        int key = start(tuple.getKeyNode());
        Node value = tuple.getValueNode();
        return start(value) < key ? lineContentEnd(key) : Math.max(contentEnd(value), end(tuple.getKeyNode()));
    }

    /** The end of the line's content before any comment. */
    int lineContentEnd(int offset) {
        int end = lineEnd(offset);
        String line = text.substring(lineStart(offset), end);
        int hash = line.indexOf(" #");
        int cut = hash >= 0 ? lineStart(offset) + hash : end;
        while (cut > lineStart(offset) && Character.isWhitespace(text.charAt(cut - 1))) {
            cut--;
        }
        return cut;
    }

    int lineStart(int offset) {
        return text.lastIndexOf('\n', offset - 1) + 1;
    }

    /** The offset after the line break ending the line holding {@code offset} (or the end of the text). */
    int lineEnd(int offset) {
        int lf = text.indexOf('\n', offset);
        return lf < 0 ? text.length() : lf + 1;
    }

    /** Only blanks between the start of its line and {@code offset}. */
    boolean startsLine(int offset) {
        return text.substring(lineStart(offset), offset).isBlank();
    }

    /** The indentation (in characters) of the line holding {@code offset}. */
    int indent(int offset) {
        int at = lineStart(offset);
        int i = at;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i - at;
    }

    boolean blankLine(int lineStart) {
        return lineStart < text.length() && text.substring(lineStart, lineEnd(lineStart)).isBlank();
    }

    boolean commentLine(int lineStart) {
        return lineStart < text.length() && text.substring(lineStart, lineEnd(lineStart)).strip().startsWith("#");
    }

    String newline() {
        int lf = text.indexOf('\n');
        return lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
    }

    /** The entry with that key among the mapping's own entries (not those merged in through {@code <<}). */
    static Optional<NodeTuple> entry(Node mapping, String key) {
        if (!(mapping instanceof MappingNode map)) {
            return Optional.empty();
        }
        return map.getValue().stream().filter(tuple -> key.equals(YamlTree.scalar(tuple.getKeyNode()))).findFirst();
    }

    static Optional<Node> get(Node mapping, String key) {
        return entry(mapping, key).map(NodeTuple::getValueNode);
    }

    static Optional<Node> path(Node node, String... keys) {
        Optional<Node> at = Optional.of(node);
        for (String key : keys) {
            at = at.flatMap(n -> get(n, key));
        }
        return at;
    }

    /** True when the mapping takes entries from elsewhere through a merge key. */
    static boolean merges(Node mapping) {
        return entry(mapping, "<<").isPresent();
    }

    static Optional<String> string(Node mapping, String... keys) {
        return path(mapping, keys).map(YamlTree::scalar);
    }
}
