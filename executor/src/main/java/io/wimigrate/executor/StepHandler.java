package io.wimigrate.executor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.planner.model.Step;
import java.util.List;

/**
 * Carries out one step type, observe-compare-act. The executor journals what {@link #observe} returns before it calls
 * {@link #apply}, and the outcome after, so a crash between the two is resumed by calling {@code apply} again with the
 * journaled prior state: {@code apply} must therefore be a no-op when the target already is in the desired state, and
 * complete a half-done change. {@link #revert} undoes {@code apply} from that prior state and is idempotent too.
 * Nothing a handler returns may contain a secret value: the journal is stored in the cluster and on disk.
 */
public interface StepHandler<S extends Step> {

    /** The state the step is about to change, as needed to undo it; an empty node when there is nothing to undo. */
    ObjectNode observe(S step, StepContext context);

    /** Brings the target to the step's desired state; idempotent. Throws {@link StepFailedException} when it cannot. */
    Applied apply(S step, ObjectNode prior, StepContext context);

    /** Puts back what {@code prior} recorded; a no-op when that is already the state. */
    void revert(S step, ObjectNode prior, StepContext context);

    /**
     * The Secrets {@code apply} moved to backups, by the prior state journaled before it: what revert restores from
     * them, and what {@code migrate finalize} purges. None unless the step backs up Secrets.
     */
    default List<BackedUpSecret> backedUpSecrets(S step, ObjectNode prior) {
        return List.of();
    }
}
