package io.wimigrate.planner.rules;

import io.wimigrate.planner.model.LabelPodTemplate;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code azure.workload.identity/use: "true"} goes on the pod template (for a CronJob, the job template's pod
 * template; for a bare Pod, the pod), never into {@code spec.selector}: selectors are immutable, and a changed
 * selector breaks the next Helm upgrade.
 */
public final class PodTemplateLabelRule implements PlanRule {

    @Override
    public void apply(PlanDraft draft) {
        for (MigratingWorkload workload : draft.workloads()) {
            if (workload.workload().workloadIdentityLabel()) {
                continue;
            }
            String path = PodTemplatePaths.metadata(workload.workload().ref().kind());
            draft.add(new LabelPodTemplate(workload.target(), new LabelPodTemplate.Desired(path,
                    new TreeMap<>(Map.of(LabelPodTemplate.USE_LABEL, "true"))),
                    GitOpsOwnershipRule.gitops(workload.workload().ownership()),
                    GitOpsOwnershipRule.reason("the webhook mutates only pods with this label; it goes on "
                            + path + ".labels, not on the immutable spec.selector", workload.workload().ownership())));
        }
    }
}
