package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Phase 3: remove a container's env or volume reference to a service-principal Secret, with the literal client id,
 * tenant and certificate path beside it, so the rollout that brings the workload-identity label also takes the secret
 * away (Azure Identity libraries would otherwise keep preferring it). The Secret itself is deleted in phase 6.
 */
@JsonTypeName("remove-secret-reference")
public record RemoveSecretReference(Target target, Desired desired, boolean gitops, String reason) implements Step {

    public record Desired(String container, String via, String name, String secret, String state) {
    }

    @Override
    public int phase() {
        return 3;
    }

    @Override
    public String precondition() {
        return "the ServiceAccount, its client-id annotation and federated credentials of " + target.name()
                + " are in place, and its code authenticates with DefaultAzureCredential or workload identity";
    }

    @Override
    public Inverse inverse() {
        return new Inverse("restore-reference", "put the reference back as recorded in the journal");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
