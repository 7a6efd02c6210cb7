package io.wimigrate.planner;

import io.wimigrate.planner.check.SafetyInvariant;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.PlanHeader;
import io.wimigrate.planner.rules.PlanDraft;
import io.wimigrate.planner.rules.PlanRule;
import io.wimigrate.planner.rules.Rules;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.Severity;
import java.util.List;

/**
 * The plan use case: inventory, Azure facts and choices in, a plan out. Pure: the same request gives an equal plan.
 * A plan that breaks a limit or the safety invariant is never returned.
 */
public final class Planner {

    private Planner() {
    }

    public static Plan plan(PlanRequest request) {
        return plan(request, Rules.ALL);
    }

    /** The plan without its digest, for comparing with another plan: hashing it means rendering it as YAML first. */
    public static Plan undigested(PlanRequest request) {
        return undigested(request, Rules.ALL);
    }

    static Plan plan(PlanRequest request, List<PlanRule> rules) {
        Plan plan = undigested(request, rules);
        return plan.withDigest(PlanCodec.digestOf(plan));
    }

    private static Plan undigested(PlanRequest request, List<PlanRule> rules) {
        Inventory inventory = request.inventory();
        List<String> incomplete = inventory.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR)
                .map(d -> "the inventory is incomplete: " + d.source() + ": " + d.subject() + ": " + d.message())
                .toList();
        if (!incomplete.isEmpty()) {
            throw new PlanningException(incomplete);
        }
        PlanHeader.AzureHeader azure = AzureSettings.resolve(request);
        request.azure().prefetch(inventory);
        PlanDraft draft = new PlanDraft(request, azure);
        rules.forEach(rule -> rule.apply(draft));
        if (!draft.problems().isEmpty()) {
            throw new PlanningException(draft.problems());
        }
        PlanHeader header = new PlanHeader(null,
                inventory.clusters().stream().map(c -> new PlanHeader.ClusterHeader(c.name(), c.oidcIssuer(),
                        c.kubeSystemUid())).toList(),
                azure, new PlanHeader.SpStrategy(request.spStrategy(), draft.strategies()),
                Fingerprints.of(inventory));
        Plan plan = Plan.of(header, draft.findings(), StepOrder.phases(draft.steps()));
        List<String> violations = SafetyInvariant.check(plan, inventory);
        if (!violations.isEmpty()) {
            throw new PlanningException(violations.stream().map(v -> "safety invariant: " + v).toList());
        }
        return plan;
    }

}
