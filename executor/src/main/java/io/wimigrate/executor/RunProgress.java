package io.wimigrate.executor;

/**
 * Where an apply or rollback run stands: {@code done} of its {@code total} steps, and {@code phaseDone} of the
 * {@code phaseTotal} steps it has to carry out (or undo) in the phase it is in.
 */
public record RunProgress(int phase, String phaseName, int phaseDone, int phaseTotal, int done, int total) {
}
