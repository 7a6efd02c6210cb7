package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * Phase 6, last: remove NMI and MIC ({@code method}: {@code helm-uninstall} or {@code delete-objects}), then the
 * {@code aadpodidentity.k8s.io} CRDs, which takes every remaining AzurePodIdentityException and AzureAssignedIdentity
 * with them.
 */
@JsonTypeName("remove-pod-identity-install")
public record RemovePodIdentityInstall(Target target, Desired desired, String reason) implements Step {

    public record Desired(String method, String release, List<String> objects, String state) {
    }

    @Override
    public int phase() {
        return 6;
    }

    @Override
    public String precondition() {
        return "every bound workload verified on workload identity; no AzureIdentityBinding left";
    }

    @Override
    public Inverse inverse() {
        return new Inverse("reinstall", "reinstall from the objects (or Helm release values) recorded in the journal");
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
