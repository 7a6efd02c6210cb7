using System;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Services.AppAuthentication;
using Microsoft.Identity.Client;

namespace Contoso.Orders
{
    public static class AzureClients
    {
        public static ServiceBusClient Bus()
        {
            var credential = new ClientSecretCredential(
                Environment.GetEnvironmentVariable("AZURE_TENANT_ID"),
                Environment.GetEnvironmentVariable("AZURE_CLIENT_ID"),
                Environment.GetEnvironmentVariable("AZURE_CLIENT_SECRET"));
            return new ServiceBusClient("contoso-orders.servicebus.windows.net", credential);
        }

        public static ClientSecretCredential Government() =>
            new Azure.Identity.ClientSecretCredential(Tenant, ClientId, Secret,
                new ClientSecretCredentialOptions { AuthorityHost = AzureAuthorityHosts.AzureGovernment });

        public static string LegacyToken() =>
            new AzureServiceTokenProvider().GetAccessTokenAsync("https://vault.azure.net").Result;

        public static IConfidentialClientApplication Msal() =>
            ConfidentialClientApplicationBuilder.Create(ClientId)
                .WithClientSecret(Secret)
                .Build();

        private static readonly string Tenant = "contoso.onmicrosoft.com";
        private static readonly string ClientId = Environment.GetEnvironmentVariable("AZURE_CLIENT_ID");
        private static readonly string Secret = Environment.GetEnvironmentVariable("AZURE_CLIENT_SECRET");
    }
}
