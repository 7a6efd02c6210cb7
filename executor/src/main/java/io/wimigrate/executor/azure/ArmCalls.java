package io.wimigrate.executor.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import io.wimigrate.planner.azure.AzureRetry;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * ARM calls with what Azure needs on top of the SDK's own retry policy: backoff on a 409 for concurrent writes
 * (which the SDK does not retry), and further 429/5xx retries once the SDK's three are spent. A {@code Retry-After}
 * header wins over the computed delay, which starts at {@link io.wimigrate.executor.Timeouts#backoff()} and doubles.
 * The budget is bounded ({@link #MAX_ATTEMPTS} attempts of the SDK's four requests): a longer throttling storm fails
 * the step with a {@link StepFailedException} that says so, and the run stops where the journal lets it resume.
 */
final class ArmCalls {

    static final int MAX_ATTEMPTS = AzureRetry.MAX_ATTEMPTS;

    private ArmCalls() {
    }

    /** A 429, a 5xx, or a 409 that says another write to the same object is in flight. */
    static boolean transientFailure(HttpResponseException e) {
        return AzureRetry.throttledOrServerError(e) || (status(e) == 409 && code(e).startsWith("Concurrent"));
    }

    static <T> T retrying(String what, StepContext context, Supplier<T> call) {
        return retrying(what, context, ArmCalls::transientFailure, call);
    }

    static <T> T retrying(String what, StepContext context, Predicate<HttpResponseException> retry,
                                 Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return AzureRetry.retrying(context.timeouts().backoff(), retry, (e, wait, attempt) -> context.log()
                    .accept(what + ": " + status(e) + " " + code(e) + ", retrying in " + wait.toMillis() + " ms (attempt "
                            + attempt + " of " + MAX_ATTEMPTS + ")"), call);
        } catch (HttpResponseException e) {
            if (retry.test(e) && transientFailure(e)) {
                throw failed(what, e, "Still refused after " + MAX_ATTEMPTS + " attempts in "
                        + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s (each retried by the"
                        + " Azure SDK, every Retry-After honoured): Azure Resource Manager is throttling (429:"
                        + " the subscription's request limits) or failing (5xx) this subscription's requests."
                        + " Wait a few minutes and run migrate apply again; applied steps are skipped");
            }
            throw e;
        }
    }

    static void retrying(String what, StepContext context, Runnable call) {
        retrying(what, context, () -> {
            call.run();
            return null;
        });
    }

    /** The result of a GET, or empty on 404. */
    static <T> Optional<T> found(String what, StepContext context, Supplier<T> get) {
        try {
            return Optional.ofNullable(retrying(what, context, get));
        } catch (HttpResponseException e) {
            if (status(e) == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static int status(HttpResponseException e) {
        return AzureRetry.status(e);
    }

    /** ARM's error code ({@code RoleAssignmentExists}, ...), or an empty string. */
    static String code(HttpResponseException e) {
        if (e instanceof ManagementException management && management.getValue() != null
                && management.getValue().getCode() != null) {
            return management.getValue().getCode();
        }
        return "";
    }

    /** ARM's error message without the SDK's status line, for messages that name the fix. */
    static String message(HttpResponseException e) {
        if (e instanceof ManagementException management && management.getValue() != null
                && management.getValue().getMessage() != null) {
            return management.getValue().getMessage();
        }
        return e.getMessage();
    }

    /** Wraps an ARM refusal in a step failure that says what was being done. */
    static StepFailedException failed(String what, HttpResponseException e, String fix) {
        String code = code(e);
        return new StepFailedException(what + " failed: " + status(e) + (code.isEmpty() ? "" : " " + code) + ": "
                + message(e) + (fix == null ? "" : ". " + fix), e);
    }
}
