package io.wimigrate.planner.rules;

/**
 * One mapping rule: reads the inventory and the decisions of the rules before it from the draft, adds its decisions,
 * steps and findings. Rules run in the order {@link Rules#ALL} lists them.
 */
public interface PlanRule {

    void apply(PlanDraft draft);
}
