package io.wimigrate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.Applied;
import io.wimigrate.executor.Bound;
import io.wimigrate.executor.Handlers;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepHandler;
import io.wimigrate.planner.model.ApplyRepoPatch;
import io.wimigrate.planner.model.CheckPreflight;
import io.wimigrate.planner.model.ManualAction;
import io.wimigrate.planner.model.ReuseIdentity;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.VerifyWorkload;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real {@link Handlers}, each mutating one wrapped so that the first step this process carries out from the start
 * stops dead once its mutation returned: it prints {@link #MUTATED} and the step id and blocks, so that the process can
 * be killed before the executor journals the outcome. A step resumed from an earlier run's journal entry (the executor
 * then calls {@code apply} with the recorded prior state and skips {@code observe}) runs through: it is the step an
 * earlier process was killed in.
 */
final class KillPoint {

    static final String MUTATED = "MUTATED ";

    private final Handlers handlers = new Handlers();
    private final Set<String> startedHere = ConcurrentHashMap.newKeySet();
    private final PrintStream out;

    KillPoint(PrintStream out) {
        this.out = out;
    }

    /** Whether the step changes anything; checks, verification, reuses and manual steps do not. */
    static boolean mutates(Step step) {
        return !(step instanceof CheckPreflight || step instanceof VerifyWorkload || step instanceof ReuseIdentity
                || step instanceof ManualAction || step instanceof ApplyRepoPatch);
    }

    Bound<?> bind(Step step) {
        Bound<?> real = handlers.bind(step);
        return mutates(step) ? wrap(real) : real;
    }

    private <S extends Step> Bound<S> wrap(Bound<S> real) {
        return new Bound<>(real.step(), new Stopping<>(real.handler()));
    }

    private final class Stopping<S extends Step> implements StepHandler<S> {
        private final StepHandler<S> delegate;

        Stopping(StepHandler<S> delegate) {
            this.delegate = delegate;
        }

        @Override
        public ObjectNode observe(S step, StepContext context) {
            startedHere.add(step.id());
            return delegate.observe(step, context);
        }

        @Override
        public Applied apply(S step, ObjectNode prior, StepContext context) {
            Applied applied = delegate.apply(step, prior, context);
            if (startedHere.contains(step.id())) {
                out.println(MUTATED + step.id());
                out.flush();
                blockUntilKilled();
            }
            return applied;
        }

        @Override
        public void revert(S step, ObjectNode prior, StepContext context) {
            delegate.revert(step, prior, context);
        }
    }

    private static void blockUntilKilled() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // Only SIGKILL ends this step.
            }
        }
    }
}
