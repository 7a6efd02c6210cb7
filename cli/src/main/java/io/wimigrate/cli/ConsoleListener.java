package io.wimigrate.cli;

import io.wimigrate.executor.ExecutionListener;
import io.wimigrate.executor.RunProgress;
import io.wimigrate.executor.journal.StepState;
import io.wimigrate.planner.model.Step;
import io.wimigrate.scanner.Progress;
import java.io.PrintStream;

/**
 * Prints each step as it starts and ends, and its progress on stderr: a bar redrawn in place on a terminal, plain
 * lines elsewhere ({@link TerminalProgress}).
 */
final class ConsoleListener implements ExecutionListener, AutoCloseable {

    private final PrintStream out;
    private final TerminalProgress progress;
    private final String task;

    ConsoleListener(PrintStream out, PrintStream err, String task) {
        this.out = out;
        this.progress = TerminalProgress.forSteps(err);
        this.task = task;
    }

    @Override
    public void started(Step step, boolean resumed) {
        if (resumed) {
            print("  resume " + describe(step) + ": it started earlier and did not finish");
        }
    }

    @Override
    public void finished(Step step, StepState state, String detail) {
        print(String.format("  %-14s %s%s", state.label(), describe(step), detail == null ? "" : ": " + detail));
    }

    @Override
    public void note(String line) {
        print("    " + line);
    }

    @Override
    public void progress(RunProgress run) {
        String stage = task + " phase " + run.phase() + " " + run.phaseName();
        progress.steps(stage, stage + " " + run.phaseDone() + "/" + run.phaseTotal(), run.done(), run.total());
    }

    /** Draws a scan's progress (the freshness check scans the cluster again) on the same line. */
    Progress scanning() {
        return progress;
    }

    @Override
    public void close() {
        progress.close();
    }

    private static String describe(Step step) {
        return "phase " + step.phase() + " " + step.id() + " " + step.action() + " " + step.target().display();
    }

    private synchronized void print(String line) {
        progress.close();
        out.println(line);
    }
}
