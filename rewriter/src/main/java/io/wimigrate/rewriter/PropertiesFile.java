package io.wimigrate.rewriter;

import java.util.ArrayList;
import java.util.List;

/**
 * The properties of a {@code .properties} file at their exact positions, read as {@link java.util.Properties} reads
 * them: {@code #}/{@code !} comment lines, {@code =}, {@code :} or blanks between key and value, escapes in keys and
 * values continued over lines by a trailing backslash.
 */
final class PropertiesFile {

    private PropertiesFile() {
    }

    static List<ConfigProperty> parse(String text) {
        List<ConfigProperty> properties = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int keyStart = skipBlanks(text, at);
            int lineEnd = lineEnd(text, keyStart);
            if (keyStart == lineEnd || text.charAt(keyStart) == '#' || text.charAt(keyStart) == '!') {
                at = afterLineBreak(text, lineEnd);
                continue;
            }
            int keyEnd = keyStart;
            while (keyEnd < lineEnd && " \t\f=:".indexOf(text.charAt(keyEnd)) < 0) {
                keyEnd += text.charAt(keyEnd) == '\\' ? 2 : 1;
            }
            keyEnd = Math.min(keyEnd, lineEnd);
            int valueStart = skipBlanks(text, keyEnd);
            if (valueStart < lineEnd && (text.charAt(valueStart) == '=' || text.charAt(valueStart) == ':')) {
                valueStart = skipBlanks(text, valueStart + 1);
            }
            valueStart = Math.min(valueStart, lineEnd);
            StringBuilder value = new StringBuilder();
            int end = valueStart;
            while (true) {
                int physicalEnd = lineEnd(text, end);
                String part = text.substring(end, physicalEnd);
                if (!continues(part)) {
                    value.append(part);
                    end = physicalEnd;
                    break;
                }
                value.append(part, 0, part.length() - 1);
                end = skipBlanks(text, afterLineBreak(text, physicalEnd));
                if (end >= text.length()) {
                    break;
                }
            }
            properties.add(new Property(text, at, keyStart, keyEnd, valueStart, end, afterLineBreak(text, end),
                    unescape(text.substring(keyStart, keyEnd)), value.toString()));
            at = afterLineBreak(text, end);
        }
        return properties;
    }

    /** A line continues when it ends in an odd number of backslashes. */
    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String unescape(String key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' && i + 1 < key.length()) {
                c = key.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static int skipBlanks(String text, int at) {
        while (at < text.length() && " \t\f".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        return at;
    }

    /** Where the line holding {@code at} ends, before its line break. */
    private static int lineEnd(String text, int at) {
        int end = at;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return end;
    }

    private static int afterLineBreak(String text, int lineEnd) {
        if (text.startsWith("\r\n", lineEnd)) {
            return lineEnd + 2;
        }
        return lineEnd < text.length() ? lineEnd + 1 : lineEnd;
    }

    /** {@code [lineStart, next)} is the property with its line break; {@code [valueStart, end)} its value as written. */
    private record Property(String text, int lineStart, int keyStart, int keyEnd, int valueStart, int end, int next,
                            String key, String value) implements ConfigProperty {

        @Override
        public int offset() {
            return keyStart;
        }

        @Override
        public TextEdit replaceWith(String name, String newValue) {
            String separator = valueStart > keyEnd ? text.substring(keyEnd, valueStart) : "=";
            return new TextEdit(keyStart, end, text.substring(keyStart, keyStart + writtenPrefixLength()) + name
                    + separator + newValue);
        }

        /** The prefix as written, escapes included: up to the last unescaped dot of the key. */
        private int writtenPrefixLength() {
            int dot = text.substring(keyStart, keyEnd).lastIndexOf('.');
            return dot + 1;
        }

        @Override
        public TextEdit delete() {
            return TextEdit.delete(lineStart, next);
        }

        @Override
        public TextEdit replaceValue(String newValue) {
            return new TextEdit(valueStart, end, newValue);
        }
    }
}
