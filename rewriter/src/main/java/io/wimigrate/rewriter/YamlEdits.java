package io.wimigrate.rewriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Text edits to one {@link YamlFile} at the positions its nodes were parsed from. Block style edits whole lines
 * (indentation taken from the neighbours, the file's line break), flow style edits inside the brackets. Removals are
 * collected first: a collection left empty is removed with its key (an empty {@code labels:} in a kustomize patch
 * would be a null that deletes), and comment lines right above a removed run go with it when nothing follows it.
 */
final class YamlEdits {

    /** An edit this file cannot take safely; the file is then left as it is. */
    static final class CannotEdit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int offset;

        CannotEdit(int offset, String why) {
            super(why);
            this.offset = offset;
        }
    }

    private final YamlFile file;
    /** The Helm template the file is, or null. */
    private final HelmTemplate template;
    private final List<TextEdit> edits = new ArrayList<>();
    private final Map<CollectionNode<?>, TreeSet<Integer>> removals = new IdentityHashMap<>();
    private final Set<CollectionNode<?>> growing = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<YamlFile.Document> removedDocuments = new ArrayList<>();

    YamlEdits(YamlFile file, HelmTemplate template) {
        this.file = file;
        this.template = template;
    }

    YamlFile file() {
        return file;
    }

    void removeEntry(MappingNode mapping, NodeTuple entry) {
        guard(mapping);
        removals.computeIfAbsent(mapping, m -> new TreeSet<>()).add(mapping.getValue().indexOf(entry));
    }

    void removeItem(SequenceNode sequence, Node item) {
        guard(sequence);
        for (int i = 0; i < sequence.getValue().size(); i++) {
            if (sequence.getValue().get(i) == item) {
                removals.computeIfAbsent(sequence, s -> new TreeSet<>()).add(i);
            }
        }
    }

    void removeDocument(YamlFile.Document document) {
        removedDocuments.add(document);
        edits.add(TextEdit.delete(document.start(), document.end()));
    }

    boolean removesEveryDocument() {
        return removedDocuments.size() == file.documents.size();
    }

    /** Replaces a whole entry ({@code key: value}, value a scalar) with another. */
    void replaceEntry(MappingNode mapping, NodeTuple entry, String key, String value) {
        guard(mapping);
        if (!(entry.getValueNode() instanceof ScalarNode)) {
            throw new CannotEdit(file.start(entry.getKeyNode()), "not a scalar entry");
        }
        growing.add(mapping);
        edits.add(new TextEdit(file.start(entry.getKeyNode()), file.entryEnd(entry), key + ": " + value));
    }

    /** Sets a scalar's value in the quoting style it is written in. */
    void setScalar(ScalarNode node, String value) {
        guard(node);
        String written = switch (node.getScalarStyle()) {
            case PLAIN -> value;
            case DOUBLE_QUOTED -> '"' + value + '"';
            case SINGLE_QUOTED -> "'" + value + "'";
            default -> throw new CannotEdit(file.start(node), "block scalar");
        };
        edits.add(new TextEdit(file.start(node), file.end(node), written));
    }

    /** Adds {@code key: value} after the mapping's last entry (or, for a template, right after its key's line). */
    void addEntry(MappingNode mapping, String key, String value, boolean first) {
        guard(mapping);
        growing.add(mapping);
        if (mapping.getFlowStyle() == FlowStyle.FLOW || mapping.getValue().isEmpty()) {
            addFlowEntry(mapping, key + ": " + value);
            return;
        }
        int column = keyColumn(mapping);
        int at;
        if (first) {
            NodeTuple holder = file.parent(mapping).map(YamlFile.Parent::entry)
                    .orElseThrow(() -> new CannotEdit(file.start(mapping), "no key above"));
            at = file.lineEnd(file.start(holder.getKeyNode()));
        } else {
            at = afterLastEntry(mapping, column);
        }
        edits.add(TextEdit.insert(at, lineBreakBefore(at) + " ".repeat(column) + key + ": " + value + file.newline()));
    }

    /**
     * Adds {@code keys[0]: {keys[1]: ... {leaves}}} to the mapping, in the style it is written in; a key already
     * there with no value ({@code labels:}) gets the rest below it.
     */
    void addPath(MappingNode mapping, List<String> keys, Map<String, String> leaves) {
        addPath(mapping, keys, leaves, false);
    }

    /** As {@link #addPath(MappingNode, List, Map)}, before the mapping's first entry when {@code first}. */
    void addPath(MappingNode mapping, List<String> keys, Map<String, String> leaves, boolean first) {
        guard(mapping);
        growing.add(mapping);
        if (mapping.getFlowStyle() == FlowStyle.FLOW || mapping.getValue().isEmpty()) {
            addFlowEntry(mapping, flowPath(keys, leaves));
            return;
        }
        int column = keyColumn(mapping);
        int step = indentStep(mapping);
        NodeTuple empty = YamlFile.entry(mapping, keys.get(0)).orElse(null);
        if (empty != null) {
            if (!(empty.getValueNode() instanceof ScalarNode value) || !value.getValue().isEmpty()
                    || value.getScalarStyle() != ScalarStyle.PLAIN) {
                throw new CannotEdit(file.start(empty.getKeyNode()), keys.get(0) + " is not empty");
            }
            int at = file.lineEnd(file.start(empty.getKeyNode()));
            edits.add(TextEdit.insert(at, lineBreakBefore(at)
                    + blockPath(keys.subList(1, keys.size()), leaves, column + step, step)));
            return;
        }
        int firstKey = file.start(mapping.getValue().get(0).getKeyNode());
        int at = first && file.startsLine(firstKey) ? file.lineStart(firstKey) : afterLastEntry(mapping, column);
        edits.add(TextEdit.insert(at, lineBreakBefore(at) + blockPath(keys, leaves, column, step)));
    }

    /** After the last entry's lines, and after template lines nested under it (an include that renders its value). */
    private int afterLastEntry(MappingNode mapping, int column) {
        int at = file.lineEnd(file.entryEnd(mapping.getValue().get(mapping.getValue().size() - 1)));
        while (template != null && template.nestedLineAction(file, at, column)) {
            at = file.lineEnd(at);
        }
        return at;
    }

    /** Appends text (a new document, say) at the end of the file. */
    void append(String document) {
        int at = file.text.length();
        edits.add(TextEdit.insert(at, lineBreakBefore(at) + document));
    }

    private String blockPath(List<String> keys, Map<String, String> leaves, int column, int step) {
        StringBuilder out = new StringBuilder();
        int indent = column;
        for (String key : keys) {
            out.append(" ".repeat(indent)).append(key).append(':').append(file.newline());
            indent += step;
        }
        for (Map.Entry<String, String> leaf : leaves.entrySet()) {
            out.append(" ".repeat(indent)).append(leaf.getKey()).append(": ").append(leaf.getValue())
                    .append(file.newline());
        }
        return out.toString();
    }

    private static String flowPath(List<String> keys, Map<String, String> leaves) {
        String inner = leaves.entrySet().stream().map(leaf -> leaf.getKey() + ": " + leaf.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
        for (int i = keys.size() - 1; i >= 0; i--) {
            inner = keys.get(i) + ": {" + inner + "}";
        }
        return inner;
    }

    private void addFlowEntry(MappingNode mapping, String entry) {
        if (mapping.getValue().isEmpty()) {
            int open = file.start(mapping);
            if (file.text.charAt(open) != '{') {
                throw new CannotEdit(open, "not a flow mapping");
            }
            edits.add(TextEdit.insert(open + 1, entry));
        } else {
            edits.add(TextEdit.insert(file.entryEnd(mapping.getValue().get(mapping.getValue().size() - 1)),
                    ", " + entry));
        }
    }

    private String lineBreakBefore(int at) {
        return at > 0 && file.text.charAt(at - 1) != '\n' ? file.newline() : "";
    }

    private int keyColumn(MappingNode mapping) {
        int key = file.start(mapping.getValue().get(0).getKeyNode());
        return key - file.lineStart(key);
    }

    /** How far this file indents a nested mapping: from this mapping and its key, else two. */
    private int indentStep(MappingNode mapping) {
        return file.parent(mapping).map(YamlFile.Parent::entry).map(holder -> {
            int outer = file.start(holder.getKeyNode()) - file.lineStart(file.start(holder.getKeyNode()));
            return keyColumn(mapping) - outer;
        }).filter(step -> step > 0).orElse(2);
    }

    private void guard(Node node) {
        if (file.isShared(node)) {
            throw new CannotEdit(file.start(node), "shared through an anchor");
        }
    }

    /** Every edit, the removals worked out last (they need to know what else is removed); may be called again. */
    List<TextEdit> finish() {
        cascade();
        List<TextEdit> all = new ArrayList<>(edits);
        for (Map.Entry<CollectionNode<?>, TreeSet<Integer>> removal : removals.entrySet()) {
            List<Integer> indices = new ArrayList<>(removal.getValue());
            int from = 0;
            while (from < indices.size()) {
                int to = from;
                while (to + 1 < indices.size() && indices.get(to + 1) == indices.get(to) + 1) {
                    to++;
                }
                all.add(removeRun(removal.getKey(), indices.get(from), indices.get(to)));
                from = to + 1;
            }
        }
        for (YamlFile.Document document : removedDocuments) {
            // Edits inside a removed document go with it; an insertion where it starts belongs to the one before.
            all.removeIf(edit -> edit.start() >= document.start() && edit.end() <= document.end()
                    && !(edit.start() == document.start() && edit.end() == document.end())
                    && !(edit.start() == document.start() && edit.end() == edit.start()));
        }
        return all;
    }

    /** A collection all of whose children go is removed with the key that holds it. */
    private void cascade() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<CollectionNode<?>, TreeSet<Integer>> removal : new LinkedHashMap<>(removals).entrySet()) {
                CollectionNode<?> collection = removal.getKey();
                YamlFile.Parent parent = file.parent(collection).orElse(null);
                if (removal.getValue().size() == collection.getValue().size() && !growing.contains(collection)
                        && parent != null && parent.entry() != null) {
                    removals.remove(collection);
                    removeEntry((MappingNode) parent.collection(), parent.entry());
                    changed = true;
                }
            }
        }
    }

    private TextEdit removeRun(CollectionNode<?> collection, int first, int last) {
        int size = collection.getValue().size();
        int start = childStart(collection, first);
        int end = childEnd(collection, last);
        if (collection.getFlowStyle() == FlowStyle.FLOW) {
            if (last + 1 < size) {
                end = childStart(collection, last + 1);
            } else if (first > 0) {
                start = childEnd(collection, first - 1);
            }
            return TextEdit.delete(start, end);
        }
        if (!file.startsLine(start)) {
            throw new CannotEdit(start, "entry does not start its line");
        }
        int from = file.lineStart(start);
        int to = file.lineEnd(end);
        if (template != null) {
            if (template.lineActionWithin(from, to)) {
                throw new CannotEdit(start, "template action among the lines to remove");
            }
            int[] widened = template.widenOverEmptyBlock(file, from, to);
            return TextEdit.delete(widened[0], widened[1]);
        }
        boolean nothingFollows = last + 1 == size || file.blankLine(to);
        if (nothingFollows) {
            int column = start - from;
            while (from > 0 && file.commentLine(file.lineStart(from - 1)) && file.indent(from - 1) == column) {
                from = file.lineStart(from - 1);
            }
        }
        return TextEdit.delete(from, to);
    }

    private int childStart(CollectionNode<?> collection, int index) {
        if (collection instanceof MappingNode mapping) {
            return file.start(mapping.getValue().get(index).getKeyNode());
        }
        if (collection.getFlowStyle() == FlowStyle.FLOW) {
            return file.start(((SequenceNode) collection).getValue().get(index));
        }
        // A block sequence item starts at its dash: the first '-' starting a line's content after the item before.
        int from = index == 0 ? file.start(collection) : childEnd(collection, index - 1);
        for (int line = index == 0 ? file.lineStart(from) : file.lineEnd(from); line < file.text.length();
             line = file.lineEnd(line)) {
            String content = file.text.substring(line, file.lineEnd(line)).stripLeading();
            if (content.startsWith("-")) {
                return file.lineEnd(line) - file.text.substring(line, file.lineEnd(line)).length()
                        + file.text.substring(line, file.lineEnd(line)).indexOf('-');
            }
        }
        throw new CannotEdit(from, "sequence item not found");
    }

    private int childEnd(CollectionNode<?> collection, int index) {
        if (collection instanceof MappingNode mapping) {
            return file.entryEnd(mapping.getValue().get(index));
        }
        Node item = ((SequenceNode) collection).getValue().get(index);
        int before = index == 0 ? file.start(collection) : childEnd(collection, index - 1);
        return file.start(item) < before ? file.lineContentEnd(childStart(collection, index)) : file.contentEnd(item);
    }
}
