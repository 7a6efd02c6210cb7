package io.wimigrate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated repository for the rewrite benchmark, the same on every run (everything derives from the file's index):
 * Java services where one file in a hundred builds a ClientSecretCredential and one in two hundred only mentions a
 * credential type in a comment, and YAML where one file in twenty is a Spring application.yml with a service
 * principal and the rest are Kubernetes manifests, one in ten still labelled for pod identity.
 */
final class GeneratedRepo {

    private GeneratedRepo() {
    }

    static void write(Path root, int javaFiles, int yamlFiles) throws IOException {
        for (int i = 0; i < javaFiles; i++) {
            String pkg = "com.contoso.svc" + (i / 500) + ".module" + (i / 50 % 10);
            Path file = root.resolve("services/svc" + (i / 500) + "/src/main/java/" + pkg.replace('.', '/')
                    + "/Handler" + i + ".java");
            write(file, java(pkg, i));
        }
        for (int i = 0; i < yamlFiles; i++) {
            Path file = i % 20 == 0
                    ? root.resolve("services/app" + i + "/src/main/resources/application.yml")
                    : root.resolve("deploy/team" + (i / 100) + "/workload" + i + ".yaml");
            write(file, i % 20 == 0 ? springConfig(i) : manifest(i));
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String java(String pkg, int i) {
        StringBuilder out = new StringBuilder("package ").append(pkg).append(";\n\n");
        boolean credential = i % 100 == 7;
        if (credential) {
            out.append("import com.azure.identity.ClientSecretCredential;\n")
                    .append("import com.azure.identity.ClientSecretCredentialBuilder;\n");
        }
        out.append("import java.util.ArrayList;\nimport java.util.List;\nimport java.util.Map;\n")
                .append("import java.util.concurrent.ConcurrentHashMap;\n\n")
                .append("/** Order handling, part ").append(i).append(".");
        if (i % 200 == 13) {
            out.append(" Uses the EnvironmentCredential configured elsewhere.");
        }
        out.append(" */\npublic class Handler").append(i).append(" {\n\n")
                .append("    private final Map<String, Integer> counts = new ConcurrentHashMap<>();\n\n");
        if (credential) {
            out.append("    ClientSecretCredential credential() {\n")
                    .append("        return new ClientSecretCredentialBuilder()\n")
                    .append("                .tenantId(System.getenv(\"AZURE_TENANT_ID\"))\n")
                    .append("                .clientId(System.getenv(\"AZURE_CLIENT_ID\"))\n")
                    .append("                .clientSecret(System.getenv(\"AZURE_CLIENT_SECRET\"))\n")
                    .append("                .build();\n    }\n\n");
        }
        for (int m = 0; m < 8; m++) {
            out.append("    /** Step ").append(m).append(" of the order pipeline. */\n")
                    .append("    public List<String> step").append(m).append("(List<String> orders, int limit) {\n")
                    .append("        List<String> accepted = new ArrayList<>();\n")
                    .append("        for (String order : orders) {\n")
                    .append("            if (accepted.size() >= limit) {\n                break;\n            }\n")
                    .append("            counts.merge(order, ").append(m + i % 7).append(", Integer::sum);\n")
                    .append("            accepted.add(order.trim().toLowerCase());\n        }\n")
                    .append("        return accepted;\n    }\n\n");
        }
        return out.append("}\n").toString();
    }

    private static String springConfig(int i) {
        return "spring:\n  application:\n    name: app" + i + "\n  cloud:\n    azure:\n"
                + "      # service principal of app" + i + "\n      credential:\n"
                + "        client-id: 00000000-0000-4000-8000-" + String.format("%012d", i) + "\n"
                + "        client-secret: ${APP_SP_SECRET}\n"
                + "      storage:\n        blob:\n          account-name: contoso" + i + "\n"
                + "server:\n  port: 8080\n";
    }

    private static String manifest(int i) {
        String name = "workload-" + i;
        String podIdentity = i % 10 == 1 ? "        aadpodidbinding: " + name + "-binding\n" : "";
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n  namespace: team" + (i / 100)
                + "\n  labels:\n    app: " + name + "\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: "
                + name + "\n  template:\n    metadata:\n      labels:\n        app: " + name + "\n" + podIdentity
                + "    spec:\n      containers:\n        - name: app\n          image: contoso.azurecr.io/" + name
                + ":1." + (i % 9) + "\n          ports:\n            - containerPort: 8080\n"
                + "          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n"
                + "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\nspec:\n  selector:\n    app: "
                + name + "\n  ports:\n    - port: 80\n      targetPort: 8080\n";
    }
}
