import { ClientSecretCredential } from "@azure/identity";
import { BlobServiceClient } from "@azure/storage-blob";

// new ClientSecretCredential(...) here is only a comment.
const credential = new ClientSecretCredential(
  process.env.AZURE_TENANT_ID!,
  process.env.AZURE_CLIENT_ID!,
  process.env.AZURE_CLIENT_SECRET!,
);

export const blobs = new BlobServiceClient("https://contosomedia.blob.core.windows.net", credential);
