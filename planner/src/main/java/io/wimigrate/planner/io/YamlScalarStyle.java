package io.wimigrate.planner.io;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a scalar is written: the style jackson-dataformat-yaml 2.18 asks for (with MINIMIZE_QUOTES and
 * ALWAYS_QUOTE_NUMBERS_AS_STRINGS), then the style snakeyaml 2.3's emitter settles on for that text in block context.
 * Ported from their {@code YAMLGenerator.writeString}, {@code StringQuotingChecker.Default},
 * {@code Emitter.analyzeScalar} and {@code Emitter.chooseScalarStyle}, so plan.yaml keeps the bytes they produced.
 */
enum YamlScalarStyle {
    PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL;

    /** Keys longer than this are written as complex keys ({@code ? key}). */
    private static final int MAX_SIMPLE_KEY_LENGTH = 128;
    /** snakeyaml's YAML 1.1 int and float resolvers, which its reader applies to plain scalars. */
    private static final Pattern RESOLVED_AS_NUMBER = Pattern.compile("[-+]?0b[0-1_]+|[-+]?0[0-7_]+"
            + "|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
            + "|[-+]?(?:\\.[0-9]+|[0-9_]+(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)"
            + "|\\.(?:nan|NaN|NAN)");

    /** Every text {@link #RESOLVED_AS_NUMBER} matches starts with one of these: most texts are ruled out at once. */
    private static final String NUMBER_START = "-+._0123456789";

    private static final Set<String> RESERVED = Set.of("false", "False", "FALSE", "n", "N", "no", "No", "NO",
            "null", "Null", "NULL", "on", "On", "ON", "off", "Off", "OFF", "true", "True", "TRUE", "y", "Y", "yes", "Yes",
            "YES");

    /** What snakeyaml allows for a text; flow plain is left out since scalars are only written in block context. */
    private record Analysis(boolean empty, boolean multiline, boolean allowBlockPlain, boolean allowSingleQuoted,
                    boolean allowBlock) {
    }

    /**
     * How to write a scalar: its style, whether it holds a line break, and whether its text goes between the quotes
     * (if any) as it is, with nothing to escape or double.
     */
    record Rendering(YamlScalarStyle style, boolean multiline, boolean verbatim) {
    }

    /**
     * A string value. Most are printable ASCII, decided in one pass: Jackson quotes flow indicators, ": ", " #",
     * reserved words and numbers; snakeyaml single-quotes what Jackson leaves plain but would not read back as plain.
     */
    static Rendering forValue(String text) {
        int length = text.length();
        boolean quotable = false;
        boolean escapes = false;
        boolean apostrophe = false;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                Analysis analysis = analyze(text);
                return new Rendering(chosen(requestedForValue(text), analysis, false), analysis.multiline(), false);
            }
            switch (c) {
                case '[', ']', '{', '}', ',' -> quotable = true;
                case '#' -> quotable |= i == 0 || text.charAt(i - 1) == ' ';
                case ':' -> quotable |= i == length - 1 || text.charAt(i + 1) == ' ';
                case '"', '\\' -> escapes = true;
                case '\'' -> apostrophe = true;
                default -> {
                }
            }
        }
        if (length == 0 || quotable || isReserved(text) || looksLikePlainNumber(text) || readsBackAsNumber(text)) {
            return new Rendering(DOUBLE_QUOTED, false, !escapes);
        }
        if (text.charAt(0) == ' ' || text.charAt(length - 1) == ' ' || hasLeadingZero(text)
                || startsWithIndicator(text)) {
            return new Rendering(SINGLE_QUOTED, false, !apostrophe);
        }
        return new Rendering(PLAIN, false, true);
    }

    /** A number, boolean or null, which Jackson asks to be written plain. */
    static Rendering forPlain(String text) {
        Analysis analysis = analyze(text);
        return new Rendering(chosen(PLAIN, analysis, false), analysis.multiline(), false);
    }

    /** Whether a property name is a simple key ({@code name: value}) rather than a complex one ({@code ? name}). */
    static boolean isSimpleKey(String name) {
        Analysis analysis = analyze(name);
        return name.length() < MAX_SIMPLE_KEY_LENGTH && !analysis.empty() && !analysis.multiline();
    }

    /** A property name, written as a simple key or not. */
    static Rendering forName(String name, boolean simpleKey) {
        Analysis analysis = analyze(name);
        return new Rendering(chosen(requestedForName(name), analysis, simpleKey), analysis.multiline(), false);
    }

    /** An indicator at the start that makes snakeyaml refuse a plain scalar of printable ASCII. */
    private static boolean startsWithIndicator(String text) {
        char first = text.charAt(0);
        return text.startsWith("---") || text.startsWith("...") || "#,[]{}&*!|>'\"%@`".indexOf(first) >= 0
                || (first == '?' || first == ':' || first == '-') && (text.length() == 1 || text.charAt(1) == ' ');
    }

    /** The style Jackson asks for a string value. */
    private static YamlScalarStyle requestedForValue(String text) {
        if (text.isEmpty()) {
            return DOUBLE_QUOTED;
        }
        if (text.indexOf('\n') >= 0) {
            return LITERAL;
        }
        return isReserved(text) || hasQuotableChar(text) || looksLikePlainNumber(text) || readsBackAsNumber(text)
                ? DOUBLE_QUOTED : PLAIN;
    }

    /** The style Jackson asks for a property name. */
    private static YamlScalarStyle requestedForName(String name) {
        if (isReserved(name) || "0123456789-+.".indexOf(name.charAt(0)) >= 0) {
            return DOUBLE_QUOTED;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 0x20) {
                return DOUBLE_QUOTED;
            }
        }
        return PLAIN;
    }

    /** The style snakeyaml writes for a requested style (plain for numbers, booleans and null). */
    private static YamlScalarStyle chosen(YamlScalarStyle requested, Analysis analysis, boolean simpleKey) {
        if (requested == DOUBLE_QUOTED) {
            return DOUBLE_QUOTED;
        }
        if (requested == PLAIN && !(simpleKey && (analysis.empty() || analysis.multiline()))
                && analysis.allowBlockPlain()) {
            return PLAIN;
        }
        if (requested == LITERAL && !simpleKey && analysis.allowBlock()) {
            return LITERAL;
        }
        if (requested == PLAIN && analysis.allowSingleQuoted() && !(simpleKey && analysis.multiline())) {
            return SINGLE_QUOTED;
        }
        return DOUBLE_QUOTED;
    }

    private static boolean isReserved(String text) {
        return text.isEmpty() || text.charAt(0) == '~'
                || "fnotyFNOTY".indexOf(text.charAt(0)) >= 0 && text.length() <= 5 && RESERVED.contains(text);
    }

    /** Flow indicators anywhere, '#' at the start or after a blank, ':' at the end or before a blank. */
    private static boolean hasQuotableChar(String text) {
        int last = text.length() - 1;
        for (int i = 0; i <= last; i++) {
            switch (text.charAt(i)) {
                case '[', ']', '{', '}', ',':
                    return true;
                case '#':
                    if (i == 0 || isBlank(text.charAt(i - 1))) {
                        return true;
                    }
                    break;
                case ':':
                    if (i == last || isBlank(text.charAt(i + 1))) {
                        return true;
                    }
                    break;
                default:
                    break;
            }
        }
        return false;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * A string Jackson's writer would leave plain (or single-quote, for a leading zero) that its reader then takes for a
     * number: an exponent ({@code 220271184e009940}, as a step digest can be), hex, binary, underscores, base 60, infinity
     * or NaN, as snakeyaml's YAML 1.1 resolver reads them. Double-quoted here, unlike Jackson, so every plan reads back.
     */
    private static boolean readsBackAsNumber(String text) {
        return !text.isEmpty() && NUMBER_START.indexOf(text.charAt(0)) >= 0 && !looksLikePlainNumber(text)
                && !hasLeadingZero(text) && RESOLVED_AS_NUMBER.matcher(text).matches();
    }

    /** {@code [+-]?[0-9]*(\.[0-9]*)?}, Jackson's test for a string that would read back as a number. */
    private static boolean looksLikePlainNumber(String text) {
        int i = 0;
        int length = text.length();
        if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        i = skipDigits(text, i);
        if (i < length && text.charAt(i) == '.') {
            i = skipDigits(text, i + 1);
        }
        return i == length;
    }

    private static int skipDigits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    static boolean isLineBreak(int c) {
        return c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static boolean isBlankOrNul(int c) {
        return c == 0 || c == ' ' || c == '\t';
    }

    /** snakeyaml's {@code Emitter.analyzeScalar}, with unicode allowed. */
    private static Analysis analyze(String scalar) {
        if (scalar.isEmpty()) {
            return new Analysis(true, false, true, true, false);
        }
        boolean blockIndicators = false;
        boolean lineBreaks = false;
        boolean specialCharacters = false;
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        if (scalar.startsWith("---") || scalar.startsWith("...")) {
            blockIndicators = true;
        }
        boolean precededByWhitespace = true;
        boolean followedByWhitespace = scalar.length() == 1 || isBlankOrNul(scalar.codePointAt(1))
                || scalar.codePointAt(1) == '\r' || isLineBreak(scalar.codePointAt(1));
        boolean previousSpace = false;
        boolean previousBreak = false;
        int index = 0;
        while (index < scalar.length()) {
            int c = scalar.codePointAt(index);
            if (index == 0) {
                if ("#,[]{}&*!|>'\"%@`".indexOf(c) != -1) {
                    blockIndicators = true;
                }
                if ((c == '?' || c == ':' || c == '-') && followedByWhitespace) {
                    blockIndicators = true;
                }
            } else if ((c == ':' && followedByWhitespace) || (c == '#' && precededByWhitespace)) {
                blockIndicators = true;
            }
            boolean isLineBreak = isLineBreak(c);
            if (isLineBreak) {
                lineBreaks = true;
            }
            if (!(c == '\n' || (0x20 <= c && c <= 0x7E)) && !(c == 0x85 || (c >= 0xA0 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF))) {
                specialCharacters = true;
            }
            if (c == ' ') {
                leadingSpace |= index == 0;
                trailingSpace |= index == scalar.length() - 1;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            } else if (isLineBreak) {
                leadingBreak |= index == 0;
                trailingBreak |= index == scalar.length() - 1;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            index += Character.charCount(c);
            precededByWhitespace = isBlankOrNul(c) || isLineBreak;
            followedByWhitespace = true;
            if (index + 1 < scalar.length()) {
                int nextIndex = index + Character.charCount(scalar.codePointAt(index));
                if (nextIndex < scalar.length()) {
                    followedByWhitespace = isBlankOrNul(scalar.codePointAt(nextIndex)) || isLineBreak;
                }
            }
        }
        boolean allowBlockPlain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak
                || hasLeadingZero(scalar) || breakSpace || spaceBreak || specialCharacters || blockIndicators);
        boolean allowSingleQuoted = !(breakSpace || spaceBreak || specialCharacters);
        boolean allowBlock = !(trailingSpace || spaceBreak || specialCharacters);
        return new Analysis(false, lineBreaks, allowBlockPlain, allowSingleQuoted, allowBlock);
    }

    private static boolean hasLeadingZero(String scalar) {
        if (scalar.length() <= 1 || scalar.charAt(0) != '0') {
            return false;
        }
        for (int i = 1; i < scalar.length(); i++) {
            char c = scalar.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }
}
