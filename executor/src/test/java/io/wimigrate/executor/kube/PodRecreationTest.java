package io.wimigrate.executor.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.Target;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class PodRecreationTest {

    @Test
    void aBarePodThatChangedSinceItWasReadIsReadAgainAndRecreatedWithWhatChanged(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "recreate-race");
        Target pod = fx.pod("debug", Map.of("aadpodidbinding", "orders-processor"));
        ObjectNode read = fx.read(pod);
        fx.patch(pod, "{\"metadata\":{\"annotations\":{\"note\":\"written-between\"}}}");

        PodRecreation.recreate(fx.context(), KubeObject.of(pod), read, null,
                copy -> ((ObjectNode) copy.path("spec")).put("terminationGracePeriodSeconds", 7));

        ObjectNode recreated = fx.read(pod);
        assertThat(recreated.at("/metadata/uid").asText()).isNotEqualTo(read.at("/metadata/uid").asText());
        assertThat(recreated.at("/spec/terminationGracePeriodSeconds").asInt()).isEqualTo(7);
        assertThat(recreated.at("/metadata/annotations/note").asText()).isEqualTo("written-between");
        assertThat(recreated.at("/metadata/labels/aadpodidbinding").asText()).isEqualTo("orders-processor");
        assertThat(fx.log).anyMatch(line -> line.equals("Pod/" + fx.namespace + "/debug changed while being recreated;"
                + " reading it again"));
    }
}
