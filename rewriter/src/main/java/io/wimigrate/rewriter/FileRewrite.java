package io.wimigrate.rewriter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edits of one file, relative to its original text. Everything outside the edits keeps its exact characters
 * (line endings and the final newline included). Insertions at one offset keep the order they were given in. A
 * deleted file has no edits.
 */
public record FileRewrite(String relativePath, String original, List<TextEdit> edits, boolean deleted) {

    public FileRewrite(String relativePath, String original, List<TextEdit> edits) {
        this(relativePath, original, edits, false);
    }

    /** The file is removed. */
    public static FileRewrite deletion(String relativePath, String original) {
        return new FileRewrite(relativePath, original, List.of(TextEdit.delete(0, original.length())), true);
    }

    /** Every match of {@link #SECRET_LITERAL} holds one of these words (any case)... */
    private static final List<String> SECRET_WORDS = List.of("secret", "password");
    /** ...at most this many characters after the match starts (after ".clientCertificate" or "client-certificate-"). */
    private static final int SECRET_WORD_LEAD = "client-certificate-".length();
    static final Pattern SECRET_LITERAL = Pattern.compile(
            "(?i)\\.(clientSecret|clientCertificatePassword|pfxPassword|password)\\s*\\(\\s*\"[^\"]+\""
                    // a configuration key (Spring YAML or properties) with a literal value, not a ${placeholder}
                    + "|(?:(?:client-secret|client-certificate-password|pfx-password)\\s*[:=]"
                    + "|(?:clientSecret|clientCertificatePassword)\\s*:)\\s*['\"]?(?!\\$\\{)[^\\s'\"]");

    public FileRewrite {
        List<TextEdit> sorted = new ArrayList<>(edits);
        // A stable sort: insertions at one offset stay in order, and come before a replacement starting there.
        sorted.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                throw new IllegalArgumentException(relativePath + ": overlapping edits " + sorted.get(i - 1).start()
                        + ".." + sorted.get(i - 1).end() + " and " + sorted.get(i).start() + ".." + sorted.get(i).end());
            }
        }
        if (!sorted.isEmpty() && sorted.get(sorted.size() - 1).end() > original.length()) {
            throw new IllegalArgumentException(relativePath + ": edit beyond the end of the file");
        }
        edits = List.copyOf(sorted);
    }

    /**
     * True when this file's diff (changed lines and their context) would show a hard-coded credential, a string
     * literal passed to clientSecret, a certificate password, a client-secret set in configuration...: such a diff is
     * left out of patches.
     */
    public boolean showsSecretLiteral() {
        return showsSecretLiteral(UnifiedDiff.of(this));
    }

    /**
     * Whether a diff shows a hard-coded credential ({@link #showsSecretLiteral()}). The pattern is tried only where a
     * match can start, a little before each of the words every match holds: a diff is mostly other text, and a search
     * tries the pattern's alternatives at every character.
     */
    static boolean showsSecretLiteral(String diff) {
        String lower = asciiLowerCase(diff);
        Matcher matcher = SECRET_LITERAL.matcher(diff);
        for (String word : SECRET_WORDS) {
            for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
                for (int start = Math.max(0, at - SECRET_WORD_LEAD); start <= at; start++) {
                    if (matcher.region(start, diff.length()).lookingAt()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Lower-cases A-Z only, as the pattern's (?i) matches: every character keeps its index. */
    private static String asciiLowerCase(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] += 'a' - 'A';
            }
        }
        return new String(chars);
    }

    public String rewritten() {
        return apply(0, original.length());
    }

    /** The rewritten text of the original range {@code [from, to)}; edits must lie inside it or outside it. */
    String apply(int from, int to) {
        StringBuilder out = new StringBuilder();
        int at = from;
        for (TextEdit edit : edits) {
            if (edit.start() < from || edit.end() > to || (edit.start() == to && edit.end() == to && to < original.length())) {
                continue;
            }
            out.append(original, at, edit.start()).append(edit.replacement());
            at = edit.end();
        }
        return out.append(original, at, to).toString();
    }

    public boolean changes() {
        return deleted || !rewritten().equals(original);
    }
}
