package io.wimigrate.executor.azure;

import io.wimigrate.azure.emulator.AzureEmulator;
import io.wimigrate.localcluster.LocalCluster;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link EmulatedAzure} per test run, shared by the classes that use this extension (tests name their objects
 * uniquely), with the local cluster's tenant so live tests can exchange its tokens; faults are reset after each test.
 */
public final class EmulatedAzureExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmulatedAzureExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmulatedAzure.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return azure(context).azure();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Running running = context.getRoot().getStore(NAMESPACE).get("azure", Running.class);
        if (running != null) {
            running.azure().emulator.faults().reset();
        }
    }

    private static Running azure(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("azure", key -> new Running(
                new EmulatedAzure(AzureEmulator.builder().tenantId(LocalCluster.TENANT_ID).start())), Running.class);
    }

    /** Lets JUnit close the emulator when the run's root context closes. */
    private record Running(EmulatedAzure azure) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            azure.close();
        }
    }
}
