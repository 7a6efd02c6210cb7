package io.wimigrate.executor;

import io.wimigrate.executor.journal.StepState;
import io.wimigrate.planner.model.Step;

/** What the executor tells the operator while it runs; called from worker threads. Never given a secret value. */
public interface ExecutionListener {

    ExecutionListener NONE = new ExecutionListener() {
    };

    /** {@code resumed}: the journal shows the step started earlier and did not finish. */
    default void started(Step step, boolean resumed) {
    }

    /** The step's new state and one line for the operator (the detail, the failure, the manual instruction). */
    default void finished(Step step, StepState state, String detail) {
    }

    /** A line from a handler or the executor. */
    default void note(String line) {
    }

    /** How far the run is, in all and in the phase it is in; after each step. */
    default void progress(RunProgress progress) {
    }
}
