# Production AKS cluster and the identities the payments workloads use through AAD Pod Identity.
# Owned by the platform team; payments keeps a copy of the parts it depends on.

resource "azurerm_resource_group" "aks" {
  name     = "rg-contoso-aks-prod"
  location = "eastus"
}

resource "azurerm_resource_group" "identities" {
  name     = "rg-contoso-identities-prod"
  location = "eastus"
}

resource "azurerm_kubernetes_cluster" "prod" {
  name                = "aks-contoso-prod-eus"
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  dns_prefix          = "contoso-prod"
  kubernetes_version  = "1.31"
  node_resource_group = "MC_rg-contoso-aks-prod_aks-contoso-prod-eus_eastus"

  default_node_pool {
    name           = "system"
    vm_size        = "Standard_D4ds_v5"
    node_count     = 1
    vnet_subnet_id = var.aks_subnet_id
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
  }

  tags = {
    team        = "platform"
    environment = "prod"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                  = "user"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.prod.id
  vm_size               = "Standard_D8ds_v5"
  node_count            = 2
  vnet_subnet_id        = var.aks_subnet_id
}

# AAD Pod Identity: MIC assigns user-assigned identities to the node VMSS with the kubelet identity.
resource "azurerm_role_assignment" "kubelet_managed_identity_operator" {
  scope                = azurerm_resource_group.identities.id
  role_definition_name = "Managed Identity Operator"
  principal_id         = azurerm_kubernetes_cluster.prod.kubelet_identity[0].object_id
}

resource "azurerm_role_assignment" "kubelet_vm_contributor" {
  scope                = "/subscriptions/${var.subscription_id}/resourceGroups/${azurerm_kubernetes_cluster.prod.node_resource_group}"
  role_definition_name = "Virtual Machine Contributor"
  principal_id         = azurerm_kubernetes_cluster.prod.kubelet_identity[0].object_id
}

resource "azurerm_user_assigned_identity" "payments_api" {
  name                = "id-payments-api"
  location            = azurerm_resource_group.identities.location
  resource_group_name = azurerm_resource_group.identities.name
}

resource "azurerm_role_assignment" "payments_api_ledger_reader" {
  scope                = var.ledger_storage_account_id
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azurerm_user_assigned_identity.payments_api.principal_id
}

variable "subscription_id" {
  type    = string
  default = "b6e1d2c3-8f47-4a59-a0c2-7d3e9f1b5a64"
}

variable "aks_subnet_id" {
  type = string
}

variable "ledger_storage_account_id" {
  type = string
}

output "payments_api_client_id" {
  value = azurerm_user_assigned_identity.payments_api.client_id
}
