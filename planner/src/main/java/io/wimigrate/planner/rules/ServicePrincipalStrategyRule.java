package io.wimigrate.planner.rules;

import io.wimigrate.planner.Overrides;
import io.wimigrate.planner.model.PlanHeader.SpStrategy.Choice;

/**
 * Each service principal moves by one strategy: {@code uami} (a new user-assigned identity gets its role assignments)
 * or {@code app-fic} (a federated credential on its app registration: same client id, Graph permissions kept). The
 * default comes from {@code --sp-strategy}; the overrides file picks per service principal, with a reason.
 */
public final class ServicePrincipalStrategyRule implements PlanRule {

    @Override
    public void apply(PlanDraft draft) {
        for (CredentialSource source : draft.sources()) {
            if (!source.servicePrincipal()) {
                continue;
            }
            Overrides.SpChoice override = draft.request().overrides().servicePrincipals().get(source.name());
            if (override == null) {
                override = draft.request().overrides().servicePrincipals().get(source.key());
            }
            if (override != null) {
                if (Overrides.SpChoice.APP_FIC.equals(override.strategy()) && source.clientId() == null) {
                    draft.problem(source.key() + ": app-fic needs the app registration's client id, which the plan"
                            + " does not know for a Secret it never reads; use uami for it");
                }
                draft.choose(source, new Choice(source.key(), override.strategy(), "override: " + override.reason()));
            } else if (Overrides.SpChoice.APP_FIC.equals(draft.request().spStrategy()) && source.clientId() == null) {
                draft.choose(source, new Choice(source.key(), Overrides.SpChoice.UAMI,
                        "its client id is unknown (Secret values are never read), so its app registration cannot be"
                                + " federated: a new identity takes over its role assignments"));
            } else if (Overrides.SpChoice.APP_FIC.equals(draft.request().spStrategy())) {
                draft.choose(source, new Choice(source.key(), Overrides.SpChoice.APP_FIC,
                        "--sp-strategy app-fic: federate the app registration; client id and Graph permissions stay"));
            } else {
                draft.choose(source, new Choice(source.key(), Overrides.SpChoice.UAMI,
                        "--sp-strategy uami: a new user-assigned identity with the service principal's role"
                                + " assignments; the app registration's secret can then be retired"));
            }
        }
    }
}
