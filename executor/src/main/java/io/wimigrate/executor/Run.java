package io.wimigrate.executor;

import io.wimigrate.executor.journal.Journal;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.Step;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one apply or rollback run works with: the plan and its journal, the handlers' context and binding, whom to
 * tell, whether the lease was lost ({@code leaseLost} gives why, or null), whether the operator asked it to stop
 * ({@code interrupted}: no new step starts, running ones finish), and how to stamp journal entries.
 */
record Run(Plan plan, Journal journal, StepContext context, Function<Step, Bound<?>> binder,
           ExecutionListener listener, Supplier<String> leaseLost, BooleanSupplier interrupted,
           JournalEntries entries) {
}
