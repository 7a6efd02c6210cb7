package io.wimigrate.executor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.wimigrate.planner.io.PlanCodec;
import io.wimigrate.scanner.cluster.KubeconfigClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A separate JVM running the executor with {@link MarkerHandler}s: once the step named by the last argument has
 * mutated, it says so on stdout and waits to be killed (SIGKILL) before the executor can journal the outcome.
 * Arguments: kubeconfig, plan file, tool namespace, marker namespace, step id.
 */
public final class ApplyInChildProcess {

    static final String MUTATED = "MUTATED ";

    private ApplyInChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path planFile = Path.of(args[1]);
        try (KubernetesClient client = KubeconfigClients.of(Path.of(args[0])).client(null)) {
            MarkerHandler handler = new MarkerHandler(client, args[3]);
            handler.afterMutation = step -> {
                if (step.equals(args[4])) {
                    System.out.println(MUTATED + step);
                    System.out.flush();
                    sleepForever();
                }
            };
            Executor.builder(client).binder(handler.binder()).planCheck(plan -> List.of()).namespace(args[2])
                    .mirrorBeside(planFile).leaseDuration(Duration.ofSeconds(3)).build()
                    .apply(PlanCodec.read(planFile), ApplyOptions.all());
        }
        System.out.println("finished without being killed");
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
