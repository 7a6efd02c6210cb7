package io.wimigrate.planner.rules;

import java.util.List;

/** The mapping rules, in the order they run: later rules read the decisions of earlier ones. */
public final class Rules {

    public static final List<PlanRule> ALL = List.of(
            new ServicePrincipalStrategyRule(),
            new IdentityMappingRule(),
            new DedicatedServiceAccountRule(),
            new PrimaryIdentityRule(),
            new FederatedCredentialRule(),
            new FicLimitRule(),
            new PreflightRule(),
            new ServiceAccountAnnotationRule(),
            new PodTemplateLabelRule(),
            new SecretReferenceSwitchRule(),
            new ProxySidecarRule(),
            new RestartAndVerifyRule(),
            new RepoPatchRule(),
            new CleanupRule(),
            new CrossNamespaceBindingRule(),
            new PodIdentityExceptionRule(),
            new GitOpsOwnershipRule());

    private Rules() {
    }
}
