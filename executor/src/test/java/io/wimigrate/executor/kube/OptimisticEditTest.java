package io.wimigrate.executor.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.localcluster.LocalClusterExtension;
import io.wimigrate.planner.model.Target;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("live-cluster")
@ExtendWith(LocalClusterExtension.class)
class OptimisticEditTest {

    @Test
    void aWriteBetweenReadAndUpdateIsAConflictThatIsRetriedOnTheNewVersion(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "edit-conflict");
        Target deployment = fx.configMap("settings");
        AtomicInteger attempts = new AtomicInteger();

        OptimisticEdit.Result result = OptimisticEdit.edit(fx.context(), KubeObject.of(deployment), object -> {
            if (attempts.incrementAndGet() == 1) {
                fx.patch(deployment, "{\"metadata\":{\"labels\":{\"written-between\":\"yes\"}}}");
            }
            Json.at(object, "metadata.labels").put("ours", "yes");
            return true;
        });

        assertThat(attempts).hasValue(2);
        assertThat(result.changed()).isTrue();
        ObjectNode labels = (ObjectNode) fx.read(deployment).at("/metadata/labels");
        assertThat(labels.get("written-between").asText()).isEqualTo("yes");
        assertThat(labels.get("ours").asText()).isEqualTo("yes");
        assertThat(fx.log).anyMatch(line -> line.contains("changed while being edited"));
    }

    @Test
    void noWriteWhenTheChangeFindsNothingToDo(KubernetesClient client) {
        KubeFixtures fx = new KubeFixtures(client, "edit-noop");
        Target deployment = fx.configMap("settings");
        String version = fx.resourceVersion(deployment);

        OptimisticEdit.Result result = OptimisticEdit.edit(fx.context(), KubeObject.of(deployment), object -> false);

        assertThat(result.changed()).isFalse();
        assertThat(fx.resourceVersion(deployment)).isEqualTo(version);
    }
}
