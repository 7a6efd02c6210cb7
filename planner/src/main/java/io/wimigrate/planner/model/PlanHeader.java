package io.wimigrate.planner.model;

import java.util.List;

/**
 * What the plan was made from and for. {@code digest} is the SHA-256 of the plan written with an empty digest;
 * {@code fingerprint} lists every object the plan read, so {@code migrate plan --check} can tell a stale plan.
 */
public record PlanHeader(String digest, List<ClusterHeader> clusters, AzureHeader azure, SpStrategy spStrategy,
                         List<Fingerprint> fingerprint) {

    public PlanHeader withDigest(String value) {
        return new PlanHeader(value, clusters, azure, spStrategy, fingerprint);
    }

    /** A cluster the plan changes: its name (kube context or dump), OIDC issuer and kube-system namespace uid. */
    public record ClusterHeader(String name, String oidcIssuer, String kubeSystemUid) {
    }

    /**
     * Where Azure changes go. {@code azureResolved} is false when Azure was not read ({@code --offline}): role
     * assignments and existing federated credentials are then unknown until apply.
     */
    public record AzureHeader(String cloud, Setting tenant, Setting subscription, Setting resourceGroup,
                              Setting location, List<String> subscriptions, boolean azureResolved) {
    }

    /** A value and where it came from ({@code option}, {@code inferred: ...}, {@code unresolved}). */
    public record Setting(String value, String source) {

        public static Setting unresolved(String why) {
            return new Setting(null, "unresolved: " + why);
        }

        public boolean resolved() {
            return value != null;
        }
    }

    /** {@code --sp-strategy} and the choice made for each service principal, with the reason. */
    public record SpStrategy(String defaultStrategy, List<Choice> choices) {

        public record Choice(String servicePrincipal, String strategy, String reason) {
        }
    }

    /** An object the plan read: {@code object} is {@code cluster:Kind/namespace/name}; versions as read. */
    public record Fingerprint(String object, String uid, String resourceVersion) implements Comparable<Fingerprint> {
        @Override
        public int compareTo(Fingerprint other) {
            return object.compareTo(other.object);
        }
    }
}
