package io.wimigrate.executor.azure;

import com.azure.resourcemanager.msi.fluent.FederatedIdentityCredentialsClient;
import com.azure.resourcemanager.msi.fluent.models.FederatedIdentityCredentialInner;
import io.wimigrate.executor.StepContext;
import java.util.List;
import java.util.Locale;

/** The federated credentials of a user-assigned identity, through azure-resourcemanager-msi. */
final class IdentityFederatedCredentials implements FederatedCredentials {

    private final IdentityAddress address;
    private final FederatedIdentityCredentialsClient client;

    IdentityFederatedCredentials(StepContext context, IdentityAddress address) {
        this.address = address;
        this.client = Identities.connection(context).msi(address.subscription()).serviceClient()
                .getFederatedIdentityCredentials();
    }

    @Override
    public String owner() {
        return address.display();
    }

    @Override
    public String lockKey() {
        return address.id().toLowerCase(Locale.ROOT);
    }

    @Override
    public List<Credential> list() {
        return client.list(address.resourceGroup(), address.name()).stream()
                .map(f -> new Credential(f.name(), f.issuer(), f.subject(), f.audiences())).toList();
    }

    @Override
    public void put(Credential credential) {
        client.createOrUpdate(address.resourceGroup(), address.name(), credential.name(),
                new FederatedIdentityCredentialInner().withIssuer(credential.issuer())
                        .withSubject(credential.subject()).withAudiences(credential.audiences()));
    }

    @Override
    public void delete(String name) {
        client.delete(address.resourceGroup(), address.name(), name);
    }
}
