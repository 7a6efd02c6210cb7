package io.wimigrate.scanner.repo;

import io.wimigrate.scanner.model.Rule;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reports every match of a pattern in comment-masked source, at its first group that took part in the match. */
final class SourcePatterns {

    private final RepoFile file;
    private final ScanReport report;
    private final String code;
    private final LineIndex lines;

    SourcePatterns(RepoFile file, ScanReport report, CommentMasker comments) {
        this.file = file;
        this.report = report;
        this.code = comments.mask(file.text());
        this.lines = new LineIndex(code);
    }

    String code() {
        return code;
    }

    boolean contains(Pattern pattern) {
        return pattern.matcher(code).find();
    }

    /** {@code qualifier} prefixes the matched symbol in the evidence, such as the package it comes from. */
    void report(Rule rule, Pattern pattern, String qualifier) {
        Matcher matcher = pattern.matcher(code);
        while (matcher.find()) {
            int group = 1;
            while (matcher.group(group) == null && group < matcher.groupCount()) {
                group++;
            }
            int at = matcher.start(group);
            String symbol = qualifier + matcher.group(group);
            report.finding(rule, file, lines.line(at), lines.column(at), rule.title() + " (" + symbol + ")",
                    Map.of("symbol", symbol));
        }
    }
}
