package io.wimigrate.azure.emulator;

public record ResourceGroup(String subscriptionId, String name, String location) {
}
