package io.wimigrate.rewriter;

import io.wimigrate.scanner.repo.CommentMasker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The top-level arguments of a call in comment-masked source, from its opening parenthesis: brackets nest, string
 * literals (' " ` and Python's triple quotes) are skipped whole. Enough for the calls the rewrite reports, not a parser.
 */
record CallArguments(List<String> arguments, int end) {

    /**
     * The arguments as written, and the offset just after the closing parenthesis; empty when {@code open} is no '('
     * or the call does not close.
     */
    static Optional<CallArguments> of(String code, int open) {
        if (open >= code.length() || code.charAt(open) != '(') {
            return Optional.empty();
        }
        List<String> arguments = new ArrayList<>();
        int depth = 0;
        int argumentStart = open + 1;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = CommentMasker.skipString(code, i) - 1;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    String last = code.substring(argumentStart, i);
                    if (!last.isBlank()) {
                        arguments.add(last);
                    }
                    return Optional.of(new CallArguments(arguments, i + 1));
                }
            } else if (c == ',' && depth == 1) {
                arguments.add(code.substring(argumentStart, i));
                argumentStart = i + 1;
            }
        }
        return Optional.empty();
    }
}
