package io.wimigrate.executor.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class RolloutStatusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode workload(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void deploymentWaitsForTheControllerNewReplicasAndTheEndOfOldOnes() throws Exception {
        String spec = "'kind':'Deployment','metadata':{'generation':2},'spec':{'replicas':2},";
        assertThat(RolloutStatus.pending(workload("{" + spec + "'status':{'observedGeneration':1}}")))
                .contains("generation 2");
        assertThat(RolloutStatus.pending(workload("{" + spec + "'status':{'observedGeneration':2,"
                + "'updatedReplicas':1,'replicas':2}}"))).isEqualTo("1 of 2 replicas updated");
        assertThat(RolloutStatus.pending(workload("{" + spec + "'status':{'observedGeneration':2,"
                + "'updatedReplicas':2,'replicas':3,'availableReplicas':2}}")))
                .isEqualTo("1 old replicas pending termination");
        assertThat(RolloutStatus.pending(workload("{" + spec + "'status':{'observedGeneration':2,"
                + "'updatedReplicas':2,'replicas':2,'availableReplicas':1}}")))
                .isEqualTo("1 of 2 updated replicas available");
        assertThat(RolloutStatus.pending(workload("{" + spec + "'status':{'observedGeneration':2,"
                + "'updatedReplicas':2,'replicas':2,'availableReplicas':2}}"))).isNull();
    }

    @Test
    void aDeploymentWhosePodsAreRefusedSaysWhy() throws Exception {
        String spec = "'kind':'Deployment','metadata':{'generation':2},'spec':{'replicas':1},";
        assertThat(RolloutStatus.pending(workload("{" + spec + "'status':{'observedGeneration':2,"
                + "'updatedReplicas':0,'replicas':1,'conditions':[{'type':'Available','status':'True'},"
                + "{'type':'ReplicaFailure','status':'True','reason':'FailedCreate','message':'Internal error"
                + " occurred: failed calling webhook'}]}}")))
                .isEqualTo("0 of 1 replicas updated; pods cannot be created: Internal error occurred: failed calling"
                        + " webhook");
    }

    @Test
    void statefulSetWaitsForReadyUpdatedReplicasAndTheCurrentRevision() throws Exception {
        String spec = "'kind':'StatefulSet','metadata':{'generation':1},'spec':{'replicas':1},";
        assertThat(RolloutStatus.pending(workload("{" + spec + "'status':{'observedGeneration':1,'readyReplicas':1,"
                + "'updatedReplicas':1,'currentRevision':'a','updateRevision':'b'}}")))
                .isEqualTo("the update revision is not current yet");
        assertThat(RolloutStatus.pending(workload("{" + spec + "'status':{'observedGeneration':1,'readyReplicas':1,"
                + "'updatedReplicas':1,'currentRevision':'b','updateRevision':'b'}}"))).isNull();
    }

    @Test
    void daemonSetWaitsForEveryScheduledPodToBeUpdatedAndAvailable() throws Exception {
        String spec = "'kind':'DaemonSet','metadata':{'generation':3},'spec':{},";
        assertThat(RolloutStatus.pending(workload("{" + spec + "'status':{'observedGeneration':3,"
                + "'desiredNumberScheduled':2,'updatedNumberScheduled':1}}"))).isEqualTo("1 of 2 pods updated");
        assertThat(RolloutStatus.pending(workload("{" + spec + "'status':{'observedGeneration':3,"
                + "'desiredNumberScheduled':2,'updatedNumberScheduled':2,'numberAvailable':2}}"))).isNull();
        assertThat(RolloutStatus.updatesOnDeleteOnly(workload("{'kind':'DaemonSet','spec':{'updateStrategy':"
                + "{'type':'OnDelete'}}}"))).isTrue();
    }
}
