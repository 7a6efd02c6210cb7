package io.wimigrate.azure.emulator;

import java.util.List;

/** The built-in roles the emulator knows, with their real GUIDs (the same in every Azure tenant). */
public final class BuiltInRoles {
    public static final RoleDefinition READER = new RoleDefinition("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader",
            "View all resources, but does not allow you to make any changes.", List.of("*/read"), List.of());
    public static final RoleDefinition CONTRIBUTOR = new RoleDefinition("b24988ac-6180-42a0-ab88-20f7382dd24c",
            "Contributor", "Grants full access to manage all resources, but does not allow you to assign roles in "
            + "Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.", List.of("*"), List.of());
    public static final RoleDefinition STORAGE_BLOB_DATA_READER = new RoleDefinition(
            "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader",
            "Allows for read access to Azure Storage blob containers and data",
            List.of("Microsoft.Storage/storageAccounts/blobServices/containers/read"),
            List.of("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"));
    public static final RoleDefinition STORAGE_BLOB_DATA_CONTRIBUTOR = new RoleDefinition(
            "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor",
            "Allows for read, write and delete access to Azure Storage blob containers and data",
            List.of("Microsoft.Storage/storageAccounts/blobServices/containers/*"),
            List.of("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"));
    public static final RoleDefinition KEY_VAULT_SECRETS_USER = new RoleDefinition(
            "4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User", "Read secret contents.",
            List.of(), List.of("Microsoft.KeyVault/vaults/secrets/getSecret/action",
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action"));
    public static final RoleDefinition SERVICE_BUS_DATA_SENDER = new RoleDefinition(
            "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", "Azure Service Bus Data Sender",
            "Allows for send access to Azure Service Bus resources.",
            List.of("Microsoft.ServiceBus/*/queues/read", "Microsoft.ServiceBus/*/topics/read",
                    "Microsoft.ServiceBus/*/topics/subscriptions/read"),
            List.of("Microsoft.ServiceBus/*/send/action"));
    public static final RoleDefinition MANAGED_IDENTITY_OPERATOR = new RoleDefinition(
            "f1a07417-d97a-45cb-824c-7a7467783830", "Managed Identity Operator", "Read and Assign User Assigned Identity",
            List.of("Microsoft.ManagedIdentity/userAssignedIdentities/*/read",
                    "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action"), List.of());
    public static final RoleDefinition VIRTUAL_MACHINE_CONTRIBUTOR = new RoleDefinition(
            "9980e02c-c2be-4d73-94e8-173b1dc7cf3c", "Virtual Machine Contributor",
            "Create and manage virtual machines, manage disks, install and run software, reset password of the root "
                    + "user of the virtual machine using VM extensions, and manage local users using VM extensions.",
            List.of("Microsoft.Compute/virtualMachines/*"), List.of());

    public static final List<RoleDefinition> ALL = List.of(READER, CONTRIBUTOR, STORAGE_BLOB_DATA_READER,
            STORAGE_BLOB_DATA_CONTRIBUTOR, KEY_VAULT_SECRETS_USER, SERVICE_BUS_DATA_SENDER, MANAGED_IDENTITY_OPERATOR,
            VIRTUAL_MACHINE_CONTRIBUTOR);

    private BuiltInRoles() {
    }
}
