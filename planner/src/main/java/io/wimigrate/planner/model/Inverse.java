package io.wimigrate.planner.model;

/**
 * What rollback does to undo a step: {@code action} is machine-readable ({@code none} when nothing needs undoing),
 * {@code description} says it for the reviewer. Prior values come from the journal, which records them before the step.
 */
public record Inverse(String action, String description) {

    public static Inverse none(String why) {
        return new Inverse("none", why);
    }
}
