package io.wimigrate.planner.model;

import io.wimigrate.scanner.model.Severity;
import java.util.Comparator;

/** Something the reviewer must know about the plan: a risk, a decision, a manual follow-up. */
public record PlanFinding(String id, String rule, Severity severity, String subject, String message)
        implements Comparable<PlanFinding> {

    private static final Comparator<PlanFinding> ORDER = Comparator
            .comparing(PlanFinding::rule)
            .thenComparing(PlanFinding::subject)
            .thenComparing(PlanFinding::id);

    /** The id depends on rule and subject only, so rewording a message keeps it. */
    public static PlanFinding of(String rule, Severity severity, String subject, String message) {
        return new PlanFinding("PLAN-" + StepIds.sha256(rule + "\n" + subject).substring(0, 10), rule, severity,
                subject, message);
    }

    @Override
    public int compareTo(PlanFinding other) {
        return ORDER.compare(this, other);
    }
}
