package io.wimigrate.planner.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.scanner.model.Ownership;
import org.junit.jupiter.api.Test;

class PlanMarkdownTest {

    private static Plan plan() {
        return Planner.plan(PlanRequest.offline(TestInventory.cluster("prod")
                .userAssigned("shop", "cart-id", "00000000-0000-4000-8000-000000000001")
                .userAssigned("shop", "bus-id", "00000000-0000-4000-8000-000000000002")
                .binding("shop", "cart-binding", "cart-id", "cart")
                .binding("shop", "bus-binding", "bus-id", "cart")
                .workload("Deployment", "shop", "cart", "default").label("cart")
                .ownedBy(new Ownership("argocd", "cart", "label")).add()
                .build()));
    }

    @Test
    void rendersTheReviewSectionsAndStableDiagrams() {
        String markdown = PlanMarkdown.render(plan());

        assertThat(markdown).isEqualTo(PlanMarkdown.render(plan()));
        assertThat(markdown).contains("# Migration plan", "## Summary", "## Azure changes", "## Risks",
                "## Manual steps", "## Rollback", "```mermaid\nflowchart LR\n", "```mermaid\nflowchart TD\n");
        assertThat(markdown).contains("| prod | shop | Deployment/cart | cart (new) | id-bus-id, id-cart-id | proxy"
                + " sidecar | yes |");
        assertThat(markdown).contains("  i0[\"id-bus-id\"]", "  p3 --> p4");
        assertThat(markdown).contains("multiple-identities");
    }
}
