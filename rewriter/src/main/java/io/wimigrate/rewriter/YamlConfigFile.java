package io.wimigrate.rewriter;

import io.wimigrate.scanner.repo.YamlTree;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The scalar properties of composed YAML documents with their dotted paths ({@code spring.cloud.azure:} then
 * {@code credential.client-id:} is {@code spring.cloud.azure.credential.client-id}), each editable at the exact
 * positions the parser marked. A mapping reached through an alias is visited under each path that reaches it, its
 * properties found where the anchor wrote them; merge keys ({@code <<}) are not followed, since the merged mapping is
 * written (and edited) elsewhere.
 */
final class YamlConfigFile {

    /** A property found, with the mapping it is written in. */
    record Found(String path, MappingNode mapping, ConfigProperty property) {
    }

    interface Visitor {
        void visit(Found found);
    }

    /** Aliases can make a small file a huge tree; a walk stops after this many nodes. */
    private static final int MAX_VISITS = 100_000;

    private final String text;
    private final int[] charOffsets;
    private int visits;

    private YamlConfigFile(String text) {
        this.text = text;
        this.charOffsets = charOffsets(text);
    }

    static void walk(String text, List<Node> documents, Visitor visitor) {
        YamlConfigFile file = new YamlConfigFile(text);
        documents.forEach(document -> file.walk(document, "", visitor, 0));
    }

    private void walk(Node node, String path, Visitor visitor, int depth) {
        if (depth > YamlTree.MAX_DEPTH || ++visits > MAX_VISITS) {
            return;
        }
        if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                walk(sequence.getValue().get(i), path + "[" + i + "]", visitor, depth + 1);
            }
        } else if (node instanceof MappingNode mapping) {
            int previousEnd = -1;
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && !key.getValue().equals("<<")) {
                    String full = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    if (tuple.getValueNode() instanceof ScalarNode value) {
                        visitor.visit(new Found(full, mapping, entry(mapping, key, value, previousEnd)));
                    } else {
                        walk(tuple.getValueNode(), full, visitor, depth + 1);
                    }
                }
                previousEnd = offset(tuple.getValueNode().getEndMark());
            }
        }
    }

    private Entry entry(MappingNode mapping, ScalarNode key, ScalarNode value, int previousEnd) {
        int keyStart = offset(key.getStartMark());
        int keyEnd = offset(key.getEndMark());
        int valueStart = offset(value.getStartMark());
        int valueEnd = offset(value.getEndMark());
        if (value.getValue().isEmpty() && value.getScalarStyle() == ScalarStyle.PLAIN) {
            valueStart = text.indexOf(':', keyEnd) + 1;
            valueEnd = valueStart;
        }
        while (valueEnd > valueStart && (text.charAt(valueEnd - 1) == '\n' || text.charAt(valueEnd - 1) == '\r')) {
            valueEnd--;
        }
        boolean flow = mapping.getFlowStyle() == FlowStyle.FLOW;
        return new Entry(text, key.getValue(), value.getValue(), value.getScalarStyle(), flow,
                value.getAnchor().isEmpty(), keyStart, valueStart, valueEnd, previousEnd);
    }

    private int offset(Optional<Mark> mark) {
        int index = mark.orElseThrow(() -> new IllegalStateException("YAML node without a position")).getIndex();
        return charOffsets == null ? index : charOffsets[index];
    }

    /** The parser counts code points; null when they are the text's chars (no surrogate pairs). */
    private static int[] charOffsets(String text) {
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            return null;
        }
        int[] offsets = new int[codePoints + 1];
        int at = 0;
        for (int i = 0; i < codePoints; i++) {
            offsets[i] = at;
            at += Character.charCount(text.codePointAt(at));
        }
        offsets[codePoints] = at;
        return offsets;
    }

    /**
     * {@code [keyStart, valueEnd)} is the entry; {@code previousEnd} where the entry before it in its mapping ends
     * (-1 for the first). A value with an anchor (defined or used here) is not editable: others share it.
     */
    private record Entry(String text, String key, String value, ScalarStyle style, boolean flow, boolean editable,
                         int keyStart, int valueStart, int valueEnd, int previousEnd) implements ConfigProperty {

        @Override
        public int offset() {
            return keyStart;
        }

        @Override
        public boolean editable() {
            return editable;
        }

        @Override
        public TextEdit replaceWith(String name, String newValue) {
            return new TextEdit(keyStart, endWithComment(), keyPrefix() + name + ": " + newValue);
        }

        @Override
        public TextEdit delete() {
            int lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
            if (!flow && text.substring(lineStart, keyStart).isBlank()) {
                int end = endWithComment();
                if (text.startsWith("\r\n", end)) {
                    end += 2;
                } else if (end < text.length() && text.charAt(end) == '\n') {
                    end++;
                }
                return TextEdit.delete(lineStart, end);
            }
            if (previousEnd < 0) {
                throw new IllegalStateException("cannot delete the first entry of an inline mapping");
            }
            return TextEdit.delete(previousEnd, valueEnd);
        }

        @Override
        public TextEdit replaceValue(String newValue) {
            return new TextEdit(valueStart, valueEnd, quoted(newValue));
        }

        /** The new value in the old one's quoting, where YAML allows it there. */
        private String quoted(String newValue) {
            if (style == ScalarStyle.SINGLE_QUOTED) {
                return "'" + newValue + "'";
            }
            boolean plainAllowed = style == ScalarStyle.PLAIN && !(flow && newValue.matches(".*[{}\\[\\],].*"));
            return plainAllowed ? newValue : "\"" + newValue + "\"";
        }

        /** The value's end, or the end of the line when only a comment follows it there (block style only). */
        private int endWithComment() {
            if (flow) {
                return valueEnd;
            }
            int at = valueEnd;
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                at++;
            }
            if (at < text.length() && text.charAt(at) == '#' && at > valueEnd) {
                while (at < text.length() && text.charAt(at) != '\n' && text.charAt(at) != '\r') {
                    at++;
                }
                return at;
            }
            return valueEnd;
        }
    }
}
