package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The migration plan: what {@code migrate plan} writes, a platform team reviews, and {@code migrate apply} walks.
 * Phases run in order 0..6; steps run in the order listed.
 */
public record Plan(String apiVersion, String kind, PlanHeader header, List<PlanFinding> findings, List<Phase> phases) {

    public static final String API_VERSION = "wimigrate.io/v1alpha1";
    public static final String KIND = "MigrationPlan";

    public static Plan of(PlanHeader header, List<PlanFinding> findings, List<Phase> phases) {
        return new Plan(API_VERSION, KIND, header, findings.stream().sorted().toList(), phases);
    }

    /** Every step, in execution order. */
    @JsonIgnore
    public List<Step> steps() {
        return phases.stream().flatMap(phase -> phase.steps().stream()).toList();
    }

    public Plan withDigest(String digest) {
        return new Plan(apiVersion, kind, header.withDigest(digest), findings, phases);
    }
}
