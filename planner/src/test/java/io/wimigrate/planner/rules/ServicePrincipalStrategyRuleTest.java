package io.wimigrate.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.AzureFacts;
import io.wimigrate.planner.Overrides;
import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.CreateIdentity;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.Target;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServicePrincipalStrategyRuleTest {

    private static final String SP = IdentityMappingRuleTest.SP;

    private static Plan plan(String strategy, Overrides overrides, AzureFacts facts) {
        return Planner.plan(new PlanRequest(IdentityMappingRuleTest.inventory(), facts, overrides, strategy, null, null,
                null, null, null));
    }

    @Test
    void appFicFederatesTheAppRegistrationExceptWhenItsClientIdIsUnknown() {
        Plan plan = plan("app-fic", null, AzureFacts.offline());

        assertThat(Plans.steps(plan, CreateFederatedCredential.class)).filteredOn(f -> f.target().kind().equals(
                Target.APPLICATION)).singleElement().satisfies(f -> assertThat(f.target().name()).isEqualTo(SP));
        assertThat(Plans.steps(plan, CreateIdentity.class)).extracting(c -> c.target().name())
                .containsExactly("id-notifier-sp");
        assertThat(plan.header().spStrategy().choices()).extracting(c -> c.strategy() + ": " + c.reason())
                .anySatisfy(r -> assertThat(r).startsWith("uami: its client id is unknown"));
    }


    @Test
    void theOverridesFilePicksPerServicePrincipalWithItsReason() {
        Overrides overrides = new Overrides(Map.of("AzureIdentity/shop/legacy-sp",
                new Overrides.SpChoice("app-fic", "needs its Graph permissions")), null);
        Plan plan = plan("uami", overrides, AzureFacts.offline());

        assertThat(plan.header().spStrategy().choices())
                .filteredOn(c -> c.servicePrincipal().equals("c:AzureIdentity/shop/legacy-sp")).singleElement()
                .satisfies(c -> assertThat(c.strategy() + " " + c.reason())
                        .isEqualTo("app-fic override: needs its Graph permissions"));
        assertThat(Plans.steps(plan, CreateIdentity.class)).extracting(c -> c.target().name())
                .containsExactly("id-notifier-sp");
    }
}
