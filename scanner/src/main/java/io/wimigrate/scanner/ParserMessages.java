package io.wimigrate.scanner;

/**
 * Parser messages made safe to print: parsers quote the offending token and show a snippet of the file, and in a
 * dump, plan or kubeconfig that token can be a credential.
 */
public final class ParserMessages {

    private ParserMessages() {
    }

    /**
     * The first line of {@code message} with quoted text longer than a punctuation mark or keyword elided; later lines
     * can show a snippet of the file, so they are dropped.
     */
    public static String withoutQuotes(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.replaceAll("'[^']{6,}'", "'…'").replaceAll("\"[^\"]{6,}\"", "\"…\"");
    }
}
