package io.wimigrate.rewriter;

import io.wimigrate.planner.model.LabelPodTemplate;
import io.wimigrate.rewriter.ManifestTargets.Account;
import io.wimigrate.rewriter.ManifestTargets.SecretReference;
import io.wimigrate.rewriter.ManifestTargets.WorkloadTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Rewrites the Kubernetes manifests of a repository for workload identity: the pod-template label
 * {@code azure.workload.identity/use: "true"} (never in {@code spec.selector}), no {@code aadpodidbinding},
 * {@code serviceAccountName}, the ServiceAccount's client-id and tenant-id annotations (or a new ServiceAccount
 * document), no service-principal Secret references, and no AzureIdentity or AzureIdentityBinding documents (a file
 * left with none is deleted, and so is its kustomization entry). A file that cannot take an edit safely is left as it
 * is and noted.
 */
final class ManifestRecipe {

    static final String USE_VALUE = "\"true\"";
    private static final String ACCOUNT_KIND = "ServiceAccount";

    private final ManifestTargets targets;
    private final Map<String, YamlEdits> edits = new LinkedHashMap<>();
    private final Set<String> failed = new HashSet<>();
    private final Set<Manifest> annotated = new HashSet<>();
    private final Set<String> created = new HashSet<>();

    ManifestRecipe(ManifestTargets targets) {
        this.targets = targets;
    }

    /** The edits by file, the files to delete, and the workloads rewritten. */
    record Changes(Map<String, List<TextEdit>> edits, Set<String> deleted, List<Manifest> rewritten) {
    }

    Changes rewrite(RepoManifests repo, List<RewriteNote> notes) {
        List<Manifest> rewritten = new ArrayList<>();
        List<Manifest> matched = new ArrayList<>();
        for (Manifest workload : repo.manifests) {
            if (!workload.isWorkload() && !(workload.patch() && Manifest.WORKLOAD_KINDS.contains(workload.kind()))) {
                continue;
            }
            selectorLabel(workload, notes);
            Optional<WorkloadTarget> target = targets.workload(workload, repo, notes);
            if (target.isEmpty()) {
                continue;
            }
            matched.add(workload);
            if (attempt(workload.file(), notes, () -> workload(workload, target.get(), repo, notes, matched))) {
                rewritten.add(workload);
            }
        }
        // A workload whose file cannot take its edits is not rewritten: its pod identity objects stay.
        finishAll(notes);
        rewritten.removeIf(workload -> failed.contains(workload.path()));
        Set<String> deleted = new TreeSet<>();
        for (Manifest object : repo.manifests) {
            if (object.isPodIdentityObject() && targets.removes(object, repo, rewritten)) {
                matched.add(object);
                attempt(object.file(), notes, () -> {
                    if (object.template() != null && !wholeFile(object, repo, rewritten)) {
                        throw new YamlEdits.CannotEdit(object.file().start(object.root()), "template document");
                    }
                    if (object.list() != null) {
                        edits(object.file(), object.template()).removeItem(object.list(), object.root());
                    } else {
                        edits(object.file(), object.template()).removeDocument(object.document());
                    }
                });
            }
        }
        for (Map.Entry<String, YamlEdits> file : edits.entrySet()) {
            if (!failed.contains(file.getKey()) && file.getValue().removesEveryDocument()) {
                deleted.add(file.getKey());
            }
        }
        for (String path : deleted) {
            for (YamlFile kustomization : repo.kustomizations.values()) {
                for (ScalarNode entry : repo.resourceEntries(kustomization, path)) {
                    attempt(kustomization, notes, () -> {
                        YamlEdits kustomizationEdits = edits(kustomization);
                        kustomizationEdits.removeItem((SequenceNode) kustomization.parent(entry).orElseThrow()
                                .collection(), entry);
                    });
                }
            }
        }
        targets.unmatched(matched, notes);
        Map<String, List<TextEdit>> byFile = finishAll(notes);
        deleted.forEach(byFile::remove);
        return new Changes(byFile, deleted, rewritten);
    }

    /** The edits of every file that takes them; a file whose edits cannot be worked out is noted and left out. */
    private Map<String, List<TextEdit>> finishAll(List<RewriteNote> notes) {
        Map<String, List<TextEdit>> byFile = new LinkedHashMap<>();
        for (Map.Entry<String, YamlEdits> file : edits.entrySet()) {
            if (failed.contains(file.getKey())) {
                continue;
            }
            YamlFile yaml = file.getValue().file();
            try {
                List<TextEdit> fileEdits = file.getValue().finish();
                new FileRewrite(yaml.relativePath, yaml.text, fileEdits);
                byFile.put(file.getKey(), fileEdits);
            } catch (YamlEdits.CannotEdit e) {
                cannotEdit(yaml, e, notes);
            } catch (IllegalArgumentException e) {
                cannotEdit(yaml, new YamlEdits.CannotEdit(0, "edits that overlap"), notes);
            }
        }
        return byFile;
    }

    /** Every document of a Helm template goes: the file is deleted whole, its actions with it. */
    private boolean wholeFile(Manifest object, RepoManifests repo, List<Manifest> rewritten) {
        return repo.manifests.stream().filter(m -> m.file() == object.file())
                .allMatch(m -> m.isPodIdentityObject() && targets.removes(m, repo, rewritten))
                && object.file().documents.size() == repo.manifests.stream().filter(m -> m.file() == object.file()).count();
    }

    private boolean attempt(YamlFile file, List<RewriteNote> notes, Runnable change) {
        if (failed.contains(file.relativePath)) {
            return false;
        }
        try {
            change.run();
            return true;
        } catch (YamlEdits.CannotEdit e) {
            cannotEdit(file, e, notes);
            return false;
        } catch (ClassCastException | IndexOutOfBoundsException | NoSuchElementException e) {
            // A shape this recipe does not know: the file is left as it is rather than guessed at.
            cannotEdit(file, new YamlEdits.CannotEdit(0, "unexpected structure"), notes);
            return false;
        }
    }

    private void cannotEdit(YamlFile file, YamlEdits.CannotEdit e, List<RewriteNote> notes) {
        failed.add(file.relativePath);
        notes.add(new RewriteNote(file.relativePath, file.line(e.offset), file.column(e.offset), "manifest-not-editable",
                "This spot cannot be edited safely (" + e.getMessage() + "); the file is left unchanged: make the"
                + " workload-identity changes in it by hand."));
    }

    private YamlEdits edits(YamlFile file) {
        return edits(file, null);
    }

    private YamlEdits edits(YamlFile file, HelmTemplate template) {
        return edits.computeIfAbsent(file.relativePath, path -> new YamlEdits(file, template));
    }

    private void workload(Manifest workload, WorkloadTarget target, RepoManifests repo, List<RewriteNote> notes,
                          List<Manifest> matched) {
        YamlEdits file = edits(workload.file(), workload.template());
        MappingNode template = workload.podTemplate().orElseThrow(
                () -> new YamlEdits.CannotEdit(workload.file().start(workload.root()), "no pod template"));
        boolean addLabel = target.label() && !(workload.patch() && repo.hasBase(workload));
        labels(workload, template, file, addLabel, target.removeLabel());
        if (target.serviceAccountName() != null) {
            serviceAccountName(workload, file, target.serviceAccountName(), !workload.patch() || !repo.hasBase(workload),
                    notes);
        }
        for (SecretReference reference : target.secretReferences()) {
            removeSecretReference(workload, file, reference, notes);
        }
        if (target.account() != null && !workload.patch()) {
            account(workload, target.account(), repo, notes, matched);
        }
    }

    private void labels(Manifest workload, MappingNode template, YamlEdits file, boolean add, boolean remove) {
        Optional<MappingNode> metadata = YamlFile.get(template, "metadata").filter(MappingNode.class::isInstance)
                .map(MappingNode.class::cast);
        Optional<Node> labels = metadata.flatMap(m -> YamlFile.get(m, "labels"));
        if (labels.isPresent() && workload.templated(labels.get())) {
            throw new YamlEdits.CannotEdit(workload.file().start(labels.get()), "templated pod labels");
        }
        MappingNode labelMap = labels.filter(MappingNode.class::isInstance).map(MappingNode.class::cast).orElse(null);
        Optional<NodeTuple> podIdentity = Optional.ofNullable(labelMap)
                .flatMap(map -> YamlFile.entry(map, RepoTargets.LABEL)).filter(t -> remove);
        boolean present = labelMap != null && YamlFile.string(labelMap, LabelPodTemplate.USE_LABEL)
                .filter("true"::equals).isPresent();
        if (labelMap != null && YamlFile.merges(labelMap) && remove
                && YamlFile.entry(labelMap, RepoTargets.LABEL).isEmpty()) {
            throw new YamlEdits.CannotEdit(workload.file().start(labelMap), "pod labels merged from an anchor");
        }
        boolean inTemplate = workload.template() != null;
        if (add && !present && podIdentity.isPresent() && !inTemplate) {
            file.replaceEntry(labelMap, podIdentity.get(), LabelPodTemplate.USE_LABEL, USE_VALUE);
            return;
        }
        if (add && !present) {
            Optional<NodeTuple> wrong = Optional.ofNullable(labelMap).flatMap(m -> YamlFile.entry(m, LabelPodTemplate.USE_LABEL));
            if (wrong.isPresent() && wrong.get().getValueNode() instanceof ScalarNode value) {
                if (workload.templated(value)) {
                    throw new YamlEdits.CannotEdit(workload.file().start(value), "templated label value");
                }
                file.replaceEntry(labelMap, wrong.get(), LabelPodTemplate.USE_LABEL, USE_VALUE);
            } else if (labelMap != null) {
                file.addEntry(labelMap, LabelPodTemplate.USE_LABEL, USE_VALUE, inTemplate);
            } else if (metadata.isPresent()) {
                file.addPath(metadata.get(), List.of("labels"), Map.of(LabelPodTemplate.USE_LABEL, USE_VALUE));
            } else {
                file.addPath(template, List.of("metadata", "labels"), Map.of(LabelPodTemplate.USE_LABEL, USE_VALUE), true);
            }
        }
        podIdentity.ifPresent(entry -> file.removeEntry(labelMap, entry));
    }

    /** The label in an immutable selector cannot be rewritten: it would need the workload recreated. */
    private static void selectorLabel(Manifest workload, List<RewriteNote> notes) {
        Optional<Node> selector = YamlFile.path(workload.root(), "spec", "selector", "matchLabels")
                .or(() -> workload.kind().equals("CronJob")
                        ? YamlFile.path(workload.root(), "spec", "jobTemplate", "spec", "selector", "matchLabels")
                        : Optional.empty());
        selector.flatMap(labels -> YamlFile.entry(labels, RepoTargets.LABEL)).ifPresent(entry -> notes.add(
                new RewriteNote(workload.path(), workload.file().line(entry.getKeyNode()),
                        workload.file().column(workload.file().start(entry.getKeyNode())), "manifest-selector-label",
                        workload.display() + " selects its pods by " + RepoTargets.LABEL + ": spec.selector is"
                        + " immutable, so it is left as it is; removing it means recreating the workload (delete"
                        + " with --cascade=orphan, then apply).")));
    }

    /** Sets the name where the pod spec names one; adds it when {@code add} (not to a patch whose base has it). */
    private void serviceAccountName(Manifest workload, YamlEdits file, String name, boolean add,
                                    List<RewriteNote> notes) {
        MappingNode spec = workload.podSpec().orElseThrow(
                () -> new YamlEdits.CannotEdit(workload.file().start(workload.root()), "no pod spec"));
        Optional<NodeTuple> entry = YamlFile.entry(spec, "serviceAccountName");
        Optional<NodeTuple> legacy = YamlFile.entry(spec, "serviceAccount");
        if (entry.isEmpty() && legacy.isEmpty()) {
            if (add) {
                file.addEntry(spec, "serviceAccountName", name, false);
            }
            return;
        }
        for (NodeTuple written : new ArrayList<>(List.of(entry, legacy).stream().flatMap(Optional::stream).toList())) {
            Node value = written.getValueNode();
            if (workload.value(value).filter(name::equals).isPresent()) {
                continue;
            }
            if (workload.templated(value) || !(value instanceof ScalarNode scalar)) {
                notes.add(new RewriteNote(workload.path(), workload.file().line(value), 1, "manifest-templated-value",
                        workload.display() + ": set the value that renders serviceAccountName to " + name + "."));
                continue;
            }
            file.setScalar(scalar, name);
        }
    }

    private void removeSecretReference(Manifest workload, YamlEdits file, SecretReference reference,
                                       List<RewriteNote> notes) {
        if (reference.via().equals("volume")) {
            workload.podSpec().flatMap(spec -> YamlFile.get(spec, "volumes")).filter(SequenceNode.class::isInstance)
                    .map(SequenceNode.class::cast).ifPresent(volumes -> removeNamed(workload, file, volumes,
                            reference.name()));
            for (MappingNode container : workload.containers()) {
                YamlFile.get(container, "volumeMounts").filter(SequenceNode.class::isInstance)
                        .map(SequenceNode.class::cast).ifPresent(mounts -> removeNamed(workload, file, mounts,
                                reference.name()));
            }
            return;
        }
        for (MappingNode container : workload.containers()) {
            if (reference.container() != null
                    && !workload.value(container, "name").filter(reference.container()::equals).isPresent()) {
                continue;
            }
            if (reference.via().equals("envFrom")) {
                YamlFile.get(container, "envFrom").filter(SequenceNode.class::isInstance).map(SequenceNode.class::cast)
                        .ifPresent(sources -> sources.getValue().stream()
                                .filter(source -> workload.value(source, "secretRef", "name")
                                        .filter(n -> n.equals(reference.secret())).isPresent())
                                .forEach(source -> file.removeItem(sources, source)));
                continue;
            }
            if (!(YamlFile.get(container, "env").orElse(null) instanceof SequenceNode env)) {
                continue;
            }
            boolean removed = removeNamed(workload, file, env, reference.name());
            if (removed && reference.via().equals("env")) {
                // The service principal's own client and tenant ids would stop the webhook injecting the identity's.
                for (String spVariable : List.of("AZURE_CLIENT_ID", "AZURE_TENANT_ID")) {
                    removeNamed(workload, file, env, spVariable);
                }
            }
        }
    }

    /** Removes the items of a list whose {@code name} is {@code name}; true if there was one. */
    private static boolean removeNamed(Manifest workload, YamlEdits file, SequenceNode list, String name) {
        boolean found = false;
        for (Node item : list.getValue()) {
            if (workload.value(item, "name").filter(name::equals).isPresent()) {
                if (workload.template() != null) {
                    int from = workload.file().lineStart(workload.file().start(item));
                    if (workload.template().lineActionWithin(from, workload.file().lineEnd(workload.file().contentEnd(item)))) {
                        throw new YamlEdits.CannotEdit(from, "templated list item");
                    }
                }
                file.removeItem(list, item);
                found = true;
            }
        }
        return found;
    }

    private void account(Manifest workload, Account account, RepoManifests repo, List<RewriteNote> notes,
                         List<Manifest> matched) {
        List<Manifest> manifests = repo.manifests.stream().filter(m -> !m.patch() && m.kind().equals(ACCOUNT_KIND)
                && m.matches(ACCOUNT_KIND, account.namespace(), account.name())).toList();
        String key = account.namespace() + "/" + account.name();
        if (manifests.isEmpty() && account.createLabels() != null) {
            if (created.add(key)) {
                edits(workload.file()).append(newAccount(workload, account));
            }
            return;
        }
        if (manifests.isEmpty()) {
            notes.add(new RewriteNote(workload.path(), workload.line(), 1, "manifest-service-account-elsewhere",
                    "ServiceAccount " + account.name() + " has no manifest in this repository: give it the"
                    + " annotations " + account.annotations() + " where it is defined."));
            return;
        }
        for (Manifest manifest : manifests) {
            matched.add(manifest);
            if (annotated.add(manifest)) {
                attempt(manifest.file(), notes, () -> annotate(manifest, account.annotations(), notes));
            }
        }
    }

    private void annotate(Manifest account, Map<String, String> annotations, List<RewriteNote> notes) {
        YamlEdits file = edits(account.file(), account.template());
        MappingNode metadata = YamlFile.get(account.root(), "metadata").filter(MappingNode.class::isInstance)
                .map(MappingNode.class::cast)
                .orElseThrow(() -> new YamlEdits.CannotEdit(account.file().start(account.root()), "no metadata"));
        Optional<Node> existing = YamlFile.get(metadata, "annotations");
        if (existing.isPresent() && account.templated(existing.get())) {
            throw new YamlEdits.CannotEdit(account.file().start(existing.get()), "templated annotations");
        }
        Map<String, String> missing = new LinkedHashMap<>();
        for (Map.Entry<String, String> annotation : annotations.entrySet()) {
            Optional<NodeTuple> entry = existing.flatMap(map -> YamlFile.entry(map, annotation.getKey()));
            if (entry.isEmpty()) {
                missing.put(annotation.getKey(), annotation.getValue());
            } else if (!account.value(entry.get().getValueNode()).filter(annotation.getValue()::equals).isPresent()) {
                if (!(entry.get().getValueNode() instanceof ScalarNode scalar) || account.templated(scalar)) {
                    throw new YamlEdits.CannotEdit(account.file().start(entry.get().getValueNode()), "templated annotation");
                }
                file.setScalar(scalar, annotation.getValue());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if (existing.orElse(null) instanceof MappingNode map) {
            missing.forEach((key, value) -> file.addEntry(map, key, value, account.template() != null));
        } else {
            file.addPath(metadata, List.of("annotations"), missing);
        }
    }

    private static String newAccount(Manifest workload, Account account) {
        String nl = workload.file().newline();
        StringBuilder out = new StringBuilder("---").append(nl).append("apiVersion: v1").append(nl)
                .append("kind: ServiceAccount").append(nl).append("metadata:").append(nl)
                .append("  name: ").append(account.name()).append(nl);
        if (YamlFile.path(workload.root(), "metadata", "namespace").isPresent() && account.namespace() != null) {
            out.append("  namespace: ").append(account.namespace()).append(nl);
        }
        block(out, "labels", account.createLabels(), nl);
        block(out, "annotations", account.annotations(), nl);
        return out.toString();
    }

    private static void block(StringBuilder out, String key, Map<String, String> entries, String nl) {
        if (entries.isEmpty()) {
            return;
        }
        out.append("  ").append(key).append(':').append(nl);
        entries.forEach((name, value) -> out.append("    ").append(name).append(": ").append(value).append(nl));
    }
}
