package com.contoso.orders;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;

/** The clients of the order service share one credential. */
public class OrderClients {

    private final DefaultAzureCredential credential;
    private final QueueClient queue;
    private final TableClient table;

    public OrderClients(String tenantId, String clientId) {
        this.credential = new DefaultAzureCredentialBuilder().build();
        this.queue = new QueueClient(credential);
        this.table = new TableClient(credential);
    }

    public QueueClient queue() {
        return queue;
    }

    public TableClient table() {
        return table;
    }

    public record QueueClient(TokenCredential credential) {
    }

    public record TableClient(TokenCredential credential) {
    }
}
