package io.wimigrate.rewriter;

/**
 * The identity that service-principal credential code must name once its workload holds more than one identity:
 * the ServiceAccount's client id is another identity's, so {@code DefaultAzureCredential} alone would get that one.
 * {@code clientId} is null while it is known only after apply (step {@code step} makes it).
 */
record ExplicitIdentity(String workload, String identity, String clientId, String step) {
}
