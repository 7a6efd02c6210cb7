package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import java.util.function.Predicate;

/**
 * Read, change, write back with the resourceVersion that was read; when someone else wrote in between (409), read
 * again and redo the change on what is there now. Never a blind overwrite, and no write at all when the change finds
 * nothing to do.
 */
final class OptimisticEdit {

    static final int ATTEMPTS = 8;

    /** {@code object} is the object as written (or as found, when nothing changed). */
    record Result(boolean changed, ObjectNode object) {
    }

    private OptimisticEdit() {
    }

    /** {@code change} edits the object in place and says whether it changed anything. */
    static Result edit(StepContext context, KubeObject target, Predicate<ObjectNode> change) {
        for (int attempt = 1; ; attempt++) {
            ObjectNode live = target.require(context);
            ObjectNode edited = live.deepCopy();
            if (!change.test(edited)) {
                return new Result(false, live);
            }
            try {
                return new Result(true, target.update(context, edited));
            } catch (StepFailedException e) {
                if (!KubeObject.isConflict(e)) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw new StepFailedException(target.display() + " kept changing while being edited ("
                            + ATTEMPTS + " conflicts); run apply again", e);
                }
                context.log().accept(target.display() + " changed while being edited; reading it again");
            }
        }
    }
}
