"""Blob access for the reporting job."""
import os

from azure.identity import ClientSecretCredential, CertificateCredential
from azure.storage.blob import BlobServiceClient
from msrestazure.azure_active_directory import MSIAuthentication

# ClientSecretCredential(...) in a comment is no call.
credential = ClientSecretCredential(
    os.environ["AZURE_TENANT_ID"],
    os.environ["AZURE_CLIENT_ID"],
    os.environ["AZURE_CLIENT_SECRET"],  # from the sp-secret Secret
)
blobs = BlobServiceClient("https://contosoreports.blob.core.windows.net", credential=credential)

archive_credential = CertificateCredential(
    tenant_id=os.environ["AZURE_TENANT_ID"],
    client_id=os.environ["AZURE_CLIENT_ID"],
    certificate_path="/etc/certs/sp.pem",
    password=os.environ["CERT_PASSWORD"],
)

legacy = MSIAuthentication(resource="https://management.azure.com/")
