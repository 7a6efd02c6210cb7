package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Phase 2: a federated identity credential on a user-assigned identity or an app registration. */
@JsonTypeName("create-federated-credential")
public record CreateFederatedCredential(Target target, Desired desired, String reason) implements Step {

    public static final String AUDIENCE = "api://AzureADTokenExchange";

    public record Desired(String name, String issuer, String subject, String audience) {
    }

    @Override
    public int phase() {
        return 2;
    }

    @Override
    public String precondition() {
        return target.name() + " exists, has fewer than 20 federated credentials, and none other with issuer "
                + desired.issuer() + " and subject " + desired.subject();
    }

    @Override
    public Inverse inverse() {
        return new Inverse("delete-federated-credential", "delete federated credential " + desired.name()
                + " from " + target.name());
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
