package io.wimigrate.executor;

/**
 * Resolves the plan's placeholders: {@code $(<step id>.<key>)} from the outputs of steps already applied (for example
 * the client id of an identity this plan created) and {@code $(Cluster/<name>.oidcIssuer)} from the cluster.
 */
public interface Placeholders {

    /** {@code value} with every placeholder replaced; throws {@link StepFailedException} when one is not known yet. */
    String resolve(String value);
}
