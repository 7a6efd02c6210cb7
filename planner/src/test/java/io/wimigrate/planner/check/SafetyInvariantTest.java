package io.wimigrate.planner.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.wimigrate.planner.PlanRequest;
import io.wimigrate.planner.Planner;
import io.wimigrate.planner.TestInventory;
import io.wimigrate.planner.model.AnnotateServiceAccount;
import io.wimigrate.planner.model.BackupAndDeleteSecret;
import io.wimigrate.planner.model.CreateFederatedCredential;
import io.wimigrate.planner.model.DeleteBinding;
import io.wimigrate.planner.model.LabelPodTemplate;
import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.RemovePodIdentityInstall;
import io.wimigrate.planner.model.RemovePodIdentityLabel;
import io.wimigrate.planner.model.RestartWorkload;
import io.wimigrate.planner.model.ReuseIdentity;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.Target;
import io.wimigrate.planner.model.VerifyWorkload;
import io.wimigrate.scanner.model.Inventory;
import io.wimigrate.scanner.model.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SafetyInvariantTest {

    private static final String CLIENT_ID = "00000000-0000-4000-8000-000000000001";
    private static final Inventory INVENTORY = TestInventory.cluster("c")
            .userAssigned("shop", "cart-id", CLIENT_ID)
            .binding("shop", "cart-binding", "cart-id", "cart")
            .workload("Deployment", "shop", "cart", "cart").label("cart").add()
            .build();

    private static final Target IDENTITY = Target.identity(TestInventory.SUBSCRIPTION, TestInventory.RG, "id-cart-id");
    private static final Target CART = Target.kube("c", ObjectRef.of("apps/v1", "Deployment", "shop", "cart"));
    private static final Target ACCOUNT = Target.kube("c", ObjectRef.of("v1", "ServiceAccount", "shop", "cart"));
    private static final Target BINDING = Target.kube("c", ObjectRef.of("aadpodidentity.k8s.io/v1",
            "AzureIdentityBinding", "shop", "cart-binding"));

    private static final Step REUSE = new ReuseIdentity(IDENTITY, new ReuseIdentity.Desired(CLIENT_ID), "r");
    private static final Step FIC = new CreateFederatedCredential(IDENTITY, new CreateFederatedCredential.Desired(
            "c-shop-cart", TestInventory.ISSUER, "system:serviceaccount:shop:cart", CreateFederatedCredential.AUDIENCE),
            "r");
    private static final Step ANNOTATE = new AnnotateServiceAccount(ACCOUNT, new AnnotateServiceAccount.Desired(
            new TreeMap<>(Map.of(AnnotateServiceAccount.CLIENT_ID, CLIENT_ID))), false, "r");
    private static final Step LABEL = new LabelPodTemplate(CART, new LabelPodTemplate.Desired(
            "spec.template.metadata", new TreeMap<>(Map.of(LabelPodTemplate.USE_LABEL, "true"))), false, "r");
    private static final Step RESTART = new RestartWorkload(CART, new RestartWorkload.Desired("rollout-restart"), "r");
    private static final Step VERIFY = new VerifyWorkload(CART, new VerifyWorkload.Desired("cart", List.of(CLIENT_ID),
            List.of()), "r");
    private static final Step UNLABEL = new RemovePodIdentityLabel(CART, new RemovePodIdentityLabel.Desired(
            "spec.template.metadata", "aadpodidbinding", "absent"), false, "r");
    private static final Step UNBIND = new DeleteBinding(BINDING, new DeleteBinding.Desired("cart", "cart-id",
            "absent"), false, "r");
    private static final Step UNINSTALL = new RemovePodIdentityInstall(new Target("c", null, "PodIdentityInstall",
            "aad-pod-identity", "aad-pod-identity"), new RemovePodIdentityInstall.Desired("helm-uninstall",
            "aad-pod-identity", List.of(), "absent"), "r");

    /** Steps in the given order, each in its own phase slot, as a hand-written plan would have them. */
    private static Plan handWritten(Step... steps) {
        List<Phase> phases = new ArrayList<>();
        for (int number = 0; number < 7; number++) {
            phases.add(Phase.of(number, List.of()));
        }
        List<Step> all = List.of(steps);
        phases.set(0, new Phase(0, "all", "every step, in the order written", all));
        Plan planned = Planner.plan(PlanRequest.offline(INVENTORY));
        return new Plan(planned.apiVersion(), planned.kind(), planned.header(), List.of(), phases);
    }

    @Test
    void aSafeOrderPasses() {
        assertThat(SafetyInvariant.check(handWritten(REUSE, FIC, ANNOTATE, LABEL, RESTART, VERIFY, UNLABEL, UNBIND,
                UNINSTALL), INVENTORY)).isEmpty();
    }

    @Test
    void rejectsCleanupBeforeVerify() {
        List<String> violations = SafetyInvariant.check(handWritten(REUSE, FIC, ANNOTATE, LABEL, RESTART, UNBIND,
                VERIFY, UNLABEL, UNINSTALL), INVENTORY);

        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("step 6 (" + UNBIND.id()
                + " delete-binding c: AzureIdentityBinding/shop/cart-binding) affects c: Deployment/shop/cart before"
                + " it is verified"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("after step 6").contains(
                "has no working credential for pod identity AzureIdentity/shop/cart-id"));
    }

    @Test
    void rejectsAVerifyThatDoesNotRestOnItsFederatedCredential() {
        List<String> violations = SafetyInvariant.check(handWritten(REUSE, ANNOTATE, LABEL, RESTART, VERIFY, FIC,
                UNLABEL, UNBIND, UNINSTALL), INVENTORY);

        assertThat(violations).anySatisfy(v -> assertThat(v).contains("verify-workload")
                .contains("verifies before a federated credential on id-cart-id for shop/cart"));
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("remove-pod-identity-label")
                .contains("before it is verified"));
    }

    @Test
    void rejectsLabellingPodsBeforeTheirFederatedCredentialExists() {
        List<String> violations = SafetyInvariant.check(handWritten(REUSE, ANNOTATE, LABEL, FIC, RESTART, VERIFY,
                UNLABEL, UNBIND, UNINSTALL), INVENTORY);

        assertThat(violations).containsExactly("step 3 (" + LABEL.id() + " label-pod-template c: Deployment/shop/cart)"
                + " labels the pods before a federated credential on id-cart-id for shop/cart");
    }

    @Test
    void deletingTheSecretOfAServicePrincipalIdentityCutsItsPodIdentity() {
        Inventory legacy = TestInventory.cluster("c")
                .userAssigned("shop", "unused-id", CLIENT_ID)
                .servicePrincipal("shop", "legacy-sp", "00000000-0000-4000-8000-000000000009", "legacy-creds")
                .binding("shop", "legacy-binding", "legacy-sp", "legacy")
                .workload("Deployment", "shop", "legacy", "legacy").label("legacy").add()
                .build();
        Step deleteSecret = new BackupAndDeleteSecret(Target.kube("c", ObjectRef.of("v1", "Secret", "shop",
                "legacy-creds")), new BackupAndDeleteSecret.Desired("journal backups/c/shop/legacy-creds.yaml",
                "absent"), false, "r");
        Plan planned = Planner.plan(PlanRequest.offline(legacy));
        Plan early = new Plan(planned.apiVersion(), planned.kind(), planned.header(), List.of(),
                List.of(new Phase(0, "all", "the secret first", List.of(deleteSecret))));

        assertThat(SafetyInvariant.check(early, legacy))
                .anySatisfy(v -> assertThat(v).contains("affects c: Deployment/shop/legacy before it is verified"))
                .anySatisfy(v -> assertThat(v).contains("no working credential for pod identity"));
        assertThat(SafetyInvariant.check(planned, legacy)).isEmpty();
    }

    @Test
    void rejectsAPlanWithoutAVerifyStep() {
        assertThat(SafetyInvariant.check(handWritten(REUSE, FIC, ANNOTATE, LABEL, RESTART, UNINSTALL), INVENTORY))
                .anySatisfy(v -> assertThat(v).contains("remove-pod-identity-install")
                        .contains("before it is verified"));
    }

    @Test
    void whatThePlannerReturnsPasses() {
        assertThat(SafetyInvariant.check(Planner.plan(PlanRequest.offline(INVENTORY)), INVENTORY)).isEmpty();
    }
}
