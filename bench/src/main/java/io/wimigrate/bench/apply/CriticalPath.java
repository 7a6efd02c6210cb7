package io.wimigrate.bench.apply;

import io.wimigrate.planner.model.CheckPreflight;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.Target;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The least time apply needs for a plan's ARM work at a given per-request latency: the longest chain of ARM requests
 * that must follow one another. Phases are barriers, and each step reads before it writes (that is what makes it
 * idempotent), so for the identity with the most federated credentials ({@code longestChain} of them) the chain is:
 * <ol>
 *   <li>one read of Azure for the freshness check before anything runs (every identity read at once),</li>
 *   <li>one read for phase 0's checks on Azure, when the plan has any (every identity at once),</li>
 *   <li>one request that confirms or creates the identity (phase 1),</li>
 *   <li>per credential, in sequence (Azure refuses concurrent writes to one identity): one read of the identity's
 *       credentials and one write, which holds the identity for the write duration.</li>
 * </ol>
 * Everything else (other identities, role assignments, the Kubernetes phases, JVM start) can run beside this chain
 * or outside the ARM window, so it is not counted; the executor's own work between requests is not either.
 */
record CriticalPath(int longestChain, int requests, Duration bound) {

    static CriticalPath of(Plan plan, Duration latency, Duration ficWrite) {
        Map<String, Long> perIdentity = plan.steps().stream()
                .filter(step -> step instanceof CreateFederatedCredential)
                .map(step -> step.target())
                .filter(target -> Target.USER_ASSIGNED_IDENTITY.equals(target.kind()))
                .collect(Collectors.groupingBy(target -> target.scope() + "/" + target.name(), Collectors.counting()));
        int longest = perIdentity.values().stream().mapToInt(Long::intValue).max()
                .orElseThrow(() -> new IllegalStateException("the plan writes no federated credential"));
        boolean azureChecks = plan.steps().stream().anyMatch(step -> step instanceof CheckPreflight
                && step.target().scope() != null && step.target().scope().startsWith("/subscriptions/"));
        int requests = 1 + (azureChecks ? 1 : 0) + 1 + 2 * longest;
        return new CriticalPath(longest, requests, latency.multipliedBy(requests).plus(ficWrite
                .multipliedBy(longest)));
    }

    String describe() {
        return longestChain + " credentials on one identity: " + requests + " ARM round trips in a row (freshness"
                + " read, phase-0 read, identity, a read and a write per credential) + " + longestChain
                + " write holds = " + bound.toMillis() + " ms";
    }
}
