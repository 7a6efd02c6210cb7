package io.wimigrate.rewriter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.scanner.model.Rule;
import io.wimigrate.scanner.report.SarifLog;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A rewrite as a SARIF 2.1.0 log: every note is a result (with its fix when it has one), and every file the rewrite
 * changes is a {@value #CHANGE} result whose fix holds the rewrite's edits, so a SARIF viewer can show and apply it.
 * URIs are {@code root} (as the user gave it) joined with the file's path.
 */
public final class RewriteSarif {

    static final String CHANGE = "rewrite-change";

    private RewriteSarif() {
    }

    public static String render(RewriteResult result, String root, String toolVersion) {
        SarifLog log = new SarifLog(toolVersion);
        Map<String, RewriteNote> firstByCode = new LinkedHashMap<>();
        result.notes().forEach(note -> firstByCode.putIfAbsent(note.code(), note));
        firstByCode.values().forEach(note -> rule(log, note));
        if (!result.files().isEmpty()) {
            log.rule(CHANGE, "RewriteChange", "File the rewrite changes for workload identity",
                    "Apply the fix, or run migrate rewrite --write.", "note");
        }
        for (FileRewrite file : result.files()) {
            String uri = SarifLog.uri(root, file.relativePath());
            if (file.deleted()) {
                // A SARIF fix replaces text and cannot remove a file: the message says so instead.
                ObjectNode node = log.result(CHANGE, "note", "File deleted for workload identity: delete it.");
                SarifLog.physicalLocation(node.putArray("locations").addObject(), uri, 1, 1);
                continue;
            }
            LineNumbers lines = new LineNumbers(file.original());
            TextEdit first = file.edits().get(0);
            ObjectNode node = log.result(CHANGE, "note", file.edits().size() + " edit(s) for workload identity");
            SarifLog.physicalLocation(node.putArray("locations").addObject(), uri, lines.line(first.start()),
                    lines.column(first.start()));
            fix(node, uri, CodeFix.of("Rewrite for workload identity", file.original(), file.edits()));
        }
        for (RewriteNote note : result.notes()) {
            ObjectNode node = log.result(note.code(), scannerRule(note.code()).map(rule -> rule.severity()
                    .sarifLevel()).orElse("warning"), note.message());
            String uri = SarifLog.uri(root, note.path());
            SarifLog.physicalLocation(node.putArray("locations").addObject(), uri, note.line(), note.column());
            if (note.fix() != null) {
                fix(node, uri, note.fix());
            }
        }
        return log.render();
    }

    /** A code the scan also reports keeps the scan's rule text; the others are described by their first note. */
    private static void rule(SarifLog log, RewriteNote note) {
        Optional<Rule> known = scannerRule(note.code());
        if (known.isPresent()) {
            Rule rule = known.get();
            log.rule(rule.id(), rule.name(), rule.title(), rule.help(), rule.severity().sarifLevel());
        } else {
            log.rule(note.code(), note.code(), note.code(), note.message(), "warning");
        }
    }

    private static Optional<Rule> scannerRule(String code) {
        return Arrays.stream(Rule.values()).filter(rule -> rule.id().equals(code)).findFirst();
    }

    private static void fix(ObjectNode result, String uri, CodeFix fix) {
        ObjectNode node = result.putArray("fixes").addObject();
        node.putObject("description").put("text", fix.description());
        ObjectNode change = node.putArray("artifactChanges").addObject();
        change.putObject("artifactLocation").put("uri", uri);
        ArrayNode replacements = change.putArray("replacements");
        for (CodeFix.Replacement replacement : fix.replacements()) {
            ObjectNode entry = replacements.addObject();
            ObjectNode region = entry.putObject("deletedRegion");
            region.put("startLine", replacement.startLine());
            region.put("startColumn", replacement.startColumn());
            region.put("endLine", replacement.endLine());
            region.put("endColumn", replacement.endColumn());
            entry.putObject("insertedContent").put("text", replacement.text());
        }
    }
}
