package io.wimigrate.scanner.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerraformDetectorTest {

    @TempDir
    Path root;

    @Test
    void clustersRolesAndIdentitiesAcrossFiles() {
        DetectorRun run = new DetectorRun(root)
                .write("infra/aks.tf", """
                        resource "azurerm_kubernetes_cluster" "old" {
                          name = "old"
                          default_node_pool {
                            name = "system"
                          }
                          # workload_identity_enabled = true
                          oidc_issuer_enabled = true
                        }

                        resource "azurerm_kubernetes_cluster" "new" {
                          oidc_issuer_enabled       = true
                          workload_identity_enabled = true
                          tags = { note = "}" }
                        }

                        resource "azurerm_role_assignment" "mio" {
                          scope                = azurerm_resource_group.nodes.id
                          role_definition_name = "Managed Identity Operator"
                          principal_id         = azurerm_kubernetes_cluster.old.kubelet_identity[0].object_id
                        }

                        resource "azurerm_role_assignment" "reader" {
                          role_definition_name = "Reader"
                          principal_id         = azurerm_kubernetes_cluster.old.kubelet_identity[0].object_id
                        }
                        """)
                .write("infra/identity.tf", """
                        resource "azurerm_user_assigned_identity" "app" {
                          name = "app"
                        }

                        resource "azurerm_user_assigned_identity" "worker" {
                          name = "worker"
                        }
                        """)
                .write("infra/federation.tf", """
                        resource "azurerm_federated_identity_credential" "app" {
                          parent_id = azurerm_user_assigned_identity.app.id
                          subject   = "system:serviceaccount:default:app"
                        }
                        """);
        ScanReport report = run.run(new TerraformDetector(), "infra/aks.tf", "infra/identity.tf",
                "infra/federation.tf");

        assertThat(DetectorRun.lines(report)).containsExactly(
                "terraform-cluster-without-workload-identity@infra/aks.tf:1",
                "terraform-pod-identity-role@infra/aks.tf:16",
                "terraform-identity-needs-federated-credential@infra/identity.tf:5");
        assertThat(report.findings().get(0).evidence()).containsEntry("missing", "workload_identity_enabled");
        assertThat(report.findings().get(1).evidence()).containsEntry("role", "Managed Identity Operator");
    }
}
