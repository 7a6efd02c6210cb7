package storage

import (
	"os"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"
	"github.com/Azure/go-autorest/autorest/azure/auth"
)

// NewClient builds the blob client of the ingest service.
func NewClient(account string) (*azblob.Client, error) {
	cred, err := azidentity.NewClientSecretCredential(os.Getenv("AZURE_TENANT_ID"), os.Getenv("AZURE_CLIENT_ID"),
		os.Getenv("AZURE_CLIENT_SECRET"), nil)
	if err != nil {
		return nil, err
	}
	return azblob.NewClient("https://"+account+".blob.core.windows.net/", cred, nil)
}

func sovereign() (*azidentity.ClientSecretCredential, error) {
	return azidentity.NewClientSecretCredential("tenant", "client", os.Getenv("SECRET"),
		&azidentity.ClientSecretCredentialOptions{})
}

func legacy() {
	_, _ = auth.NewAuthorizerFromEnvironment()
}
