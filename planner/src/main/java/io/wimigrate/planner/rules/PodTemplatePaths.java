package io.wimigrate.planner.rules;

/** Where a workload kind keeps its pod template's metadata and spec: never {@code spec.selector}. */
final class PodTemplatePaths {

    private PodTemplatePaths() {
    }

    static String metadata(String kind) {
        return switch (kind) {
            case "Pod" -> "metadata";
            case "CronJob" -> "spec.jobTemplate.spec.template.metadata";
            default -> "spec.template.metadata";
        };
    }

    static String spec(String kind) {
        return switch (kind) {
            case "Pod" -> "spec";
            case "CronJob" -> "spec.jobTemplate.spec.template.spec";
            default -> "spec.template.spec";
        };
    }
}
