package io.wimigrate.bench.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a generated repository: Java sources (one in 20 builds an Azure credential from a client secret), Kubernetes
 * YAML (one in 10 carries the pod identity label, one in 20 a client-secret variable) and binary files, spread over
 * nested module directories like a large multi-module repository. The same counts and seed give the same tree.
 */
public final class RepoTree {

    private static final int FILES_PER_DIRECTORY = 50;

    private RepoTree() {
    }

    /** Returns how many files it wrote. */
    public static int write(Path root, int javaFiles, int yamlFiles, int binaryFiles) {
        Random random = new Random(20_000);
        try {
            for (int i = 0; i < javaFiles; i++) {
                Path file = directory(root, "java", i).resolve("Service" + i + ".java");
                Files.writeString(file, java(i, random));
            }
            for (int i = 0; i < yamlFiles; i++) {
                Files.writeString(directory(root, "deploy", i).resolve("app" + i + ".yaml"), yaml(i));
            }
            for (int i = 0; i < binaryFiles; i++) {
                byte[] bytes = new byte[4096 + random.nextInt(28 * 1024)];
                random.nextBytes(bytes);
                bytes[0] = 0;
                Files.write(directory(root, "assets", i).resolve("image" + i + (i % 2 == 0 ? ".png" : ".jar")), bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated repository under " + root, e);
        }
        return javaFiles + yamlFiles + binaryFiles;
    }

    private static Path directory(Path root, String kind, int index) throws IOException {
        int group = index / FILES_PER_DIRECTORY;
        Path dir = root.resolve("module-" + (group % 40)).resolve("src/main").resolve(kind)
                .resolve("com/example/part" + group);
        return Files.createDirectories(dir);
    }

    private static String java(int i, Random random) {
        StringBuilder source = new StringBuilder("package com.example.part" + (i / FILES_PER_DIRECTORY) + ";\n\n");
        boolean credential = i % 20 == 0;
        source.append("import java.util.List;\nimport java.util.Map;\n");
        if (credential) {
            source.append("import com.azure.identity.ClientSecretCredential;\n")
                    .append("import com.azure.identity.ClientSecretCredentialBuilder;\n");
        }
        source.append("\n/** Generated service ").append(i).append(". */\npublic class Service").append(i)
                .append(" {\n\n    private final Map<String, Integer> counts = new java.util.HashMap<>();\n\n");
        if (credential) {
            source.append("""
                        ClientSecretCredential credential() {
                            return new ClientSecretCredentialBuilder()
                                    .tenantId(System.getenv("AZURE_TENANT_ID"))
                                    .clientId(System.getenv("AZURE_CLIENT_ID"))
                                    .clientSecret(System.getenv("AZURE_CLIENT_SECRET"))
                                    .build();
                        }

                    """);
        }
        int methods = 3 + random.nextInt(8);
        for (int m = 0; m < methods; m++) {
            source.append("    public int compute").append(m).append("(List<String> items) {\n")
                    .append("        int total = ").append(random.nextInt(1000)).append(";\n")
                    .append("        for (String item : items) {\n")
                    .append("            total += counts.getOrDefault(item, item.length() * ").append(m + 1)
                    .append(");\n        }\n        return total;\n    }\n\n");
        }
        return source.append("}\n").toString();
    }

    private static String yaml(int i) {
        StringBuilder yaml = new StringBuilder()
                .append("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app").append(i)
                .append("\n  namespace: team").append(i % 50)
                .append("\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: app").append(i)
                .append("\n  template:\n    metadata:\n      labels:\n        app: app").append(i).append('\n');
        if (i % 10 == 0) {
            yaml.append("        aadpodidbinding: app").append(i).append("-identity\n");
        }
        yaml.append("    spec:\n      containers:\n      - name: app\n        image: registry.example.com/app")
                .append(i).append(":1.0\n");
        if (i % 20 == 5) {
            yaml.append("        env:\n        - name: AZURE_CLIENT_SECRET\n          valueFrom:\n")
                    .append("            secretKeyRef:\n              name: app").append(i)
                    .append("-sp\n              key: clientSecret\n");
        }
        return yaml.toString();
    }
}
