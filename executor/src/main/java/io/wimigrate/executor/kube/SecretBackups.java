package io.wimigrate.executor.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wimigrate.executor.BackedUpSecret;
import io.wimigrate.executor.StepContext;
import io.wimigrate.executor.StepFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Moves a Secret to a backup Secret in its namespace instead of destroying it, and back. The backup is named
 * {@code <secret>-wimigrate-backup}, labelled {@value #BACKUP_LABEL}, and annotated with the original's name
 * ({@value #BACKUP_OF}) and the time ({@value #BACKED_UP_AT}, for {@code migrate finalize} to purge after a grace
 * period); it is of type Opaque, so nothing acts on it as it would on the original (a Helm release record, a
 * ServiceAccount token). The original's type, labels and annotations go into the backup's data, key
 * {@value #ORIGINAL}, not into an annotation: an annotation such as
 * {@code kubectl.kubernetes.io/last-applied-configuration} carries the Secret's values, and annotations are shown
 * wherever the backup is listed. The values stay in the cluster: the journal names the backup only. The constants are
 * public for {@code migrate finalize}, which purges backups.
 */
public final class SecretBackups {

    public static final String BACKUP_LABEL = "wimigrate.io/backup";
    public static final String BACKUP_OF = "wimigrate.io/backup-of";
    public static final String BACKED_UP_AT = "wimigrate.io/backed-up-at";
    public static final String ORIGINAL = "wimigrate.io-original";
    private static final String SUFFIX = "-wimigrate-backup";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SecretBackups() {
    }

    static KubeObject backupOf(KubeObject secret) {
        String name = secret.name() + SUFFIX;
        if (name.length() > 253) {
            throw new StepFailedException(secret.display() + ": its name is too long for a backup Secret " + name);
        }
        return new KubeObject("v1", "Secret", secret.namespace(), name);
    }

    public static String backupName(BackedUpSecret secret) {
        return secret.name() + SUFFIX;
    }

    /**
     * When the backup of {@code secret} was made ({@value #BACKED_UP_AT}, else its creation time), or empty when
     * there is no backup (purged, or restored by a rollback). A Secret of the backup's name that wimigrate did not
     * label is refused, so finalize never purges an operator's own Secret.
     */
    public static Optional<Instant> backedUpAt(StepContext context, BackedUpSecret secret) {
        KubeObject backup = backupOf(object(secret));
        Optional<ObjectNode> live = backup.read(context);
        if (live.isEmpty()) {
            return Optional.empty();
        }
        JsonNode metadata = live.get().path("metadata");
        if (!"true".equals(metadata.path("labels").path(BACKUP_LABEL).asText())) {
            throw new StepFailedException(backup.display() + " is not labelled " + BACKUP_LABEL + "=true: it is not"
                    + " a backup wimigrate made of " + secret.display() + " and is left alone");
        }
        String at = metadata.path("annotations").path(BACKED_UP_AT).asText(metadata.path("creationTimestamp")
                .asText());
        try {
            return Optional.of(Instant.parse(at));
        } catch (DateTimeParseException e) {
            throw new StepFailedException(backup.display() + ": unreadable " + BACKED_UP_AT + " " + at, e);
        }
    }

    /** Deletes the backup of {@code secret} for good; false when it was gone already. */
    public static boolean purge(StepContext context, BackedUpSecret secret) {
        KubeObject backup = backupOf(object(secret));
        return backup.read(context).isPresent() && backup.delete(context, null);
    }

    /** True when a rollback can put {@code secret} back: it exists, or its backup does. */
    public static boolean restorable(StepContext context, BackedUpSecret secret) {
        KubeObject original = object(secret);
        return original.read(context).isPresent() || backupOf(original).read(context).isPresent();
    }

    static KubeObject object(BackedUpSecret secret) {
        return new KubeObject("v1", "Secret", secret.namespace(), secret.name());
    }

    /** Copies the Secret to its backup and deletes it; false when it was gone already. */
    static boolean move(StepContext context, KubeObject secret) {
        KubeObject backup = backupOf(secret);
        for (int attempt = 1; ; attempt++) {
            Optional<ObjectNode> live = secret.read(context);
            if (live.isEmpty()) {
                return false;
            }
            ObjectNode copy = backupManifest(live.get(), backup);
            Optional<ObjectNode> existing = backup.read(context);
            if (existing.isEmpty()) {
                backup.create(context, copy);
            } else if (!existing.get().path("data").equals(copy.path("data"))) {
                copy.with("metadata").put("resourceVersion", Json.text(existing.get().path("metadata"),
                        "resourceVersion"));
                backup.update(context, copy); // a half-done earlier move of an older version of the Secret
            }
            try {
                secret.delete(context, Json.text(live.get().path("metadata"), "resourceVersion"));
                return true;
            } catch (StepFailedException e) {
                if (!KubeObject.isConflict(e) || attempt == OptimisticEdit.ATTEMPTS) {
                    throw e;
                }
                context.log().accept(secret.display() + " changed while being backed up; copying it again");
            }
        }
    }

    /** Creates the Secret again from its backup (when it is missing) and deletes the backup. */
    static boolean restore(StepContext context, KubeObject secret) {
        KubeObject backup = backupOf(secret);
        Optional<ObjectNode> saved = backup.read(context);
        Optional<ObjectNode> live = secret.read(context);
        if (saved.isEmpty()) {
            if (live.isEmpty()) {
                throw new StepFailedException(secret.display() + " and its backup " + backup.name()
                        + " are both gone (purged by migrate finalize?); recreate the Secret by hand");
            }
            return false;
        }
        if (live.isEmpty()) {
            secret.create(context, originalManifest(saved.get(), secret));
        } else if (!values(live.get()).equals(values(saved.get()))) {
            context.log().accept("warning: " + secret.display() + " exists with other values than its backup "
                    + backup.name() + "; the backup is kept");
            return false;
        }
        backup.delete(context, null);
        return true;
    }

    private static ObjectNode backupManifest(ObjectNode secret, KubeObject backup) {
        ObjectNode copy = Json.object();
        copy.put("apiVersion", "v1").put("kind", "Secret").put("type", "Opaque");
        ObjectNode metadata = copy.putObject("metadata");
        metadata.put("name", backup.name()).put("namespace", backup.namespace());
        metadata.putObject("labels").put(BACKUP_LABEL, "true");
        ObjectNode original = Json.object();
        original.put("type", secret.path("type").asText("Opaque"));
        JsonNode sourceMetadata = secret.path("metadata");
        original.set("labels", sourceMetadata.path("labels").isObject() ? sourceMetadata.get("labels")
                : Json.object());
        original.set("annotations", sourceMetadata.path("annotations").isObject()
                ? sourceMetadata.get("annotations") : Json.object());
        metadata.putObject("annotations")
                .put(BACKUP_OF, Json.text(sourceMetadata, "name"))
                .put(BACKED_UP_AT, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (secret.path("data").has(ORIGINAL)) {
            throw new StepFailedException(backup.display() + ": the Secret has a key " + ORIGINAL + ", which its"
                    + " backup keeps the Secret's type, labels and annotations in; move it by hand");
        }
        ObjectNode data = secret.path("data").isObject() ? ((ObjectNode) secret.get("data")).deepCopy()
                : Json.object();
        data.put(ORIGINAL, Base64.getEncoder().encodeToString(original.toString().getBytes(StandardCharsets.UTF_8)));
        copy.set("data", data);
        return copy;
    }

    private static ObjectNode originalManifest(ObjectNode backup, KubeObject secret) {
        ObjectNode original;
        try {
            original = (ObjectNode) MAPPER.readTree(Base64.getDecoder().decode(
                    Json.text(backup.path("data"), ORIGINAL)));
        } catch (IOException | RuntimeException e) {
            throw new StepFailedException("backup " + Json.text(backup.path("metadata"), "name") + " of "
                    + secret.display() + " lacks a readable " + ORIGINAL + " key", e);
        }
        ObjectNode copy = Json.object();
        copy.put("apiVersion", "v1").put("kind", "Secret").put("type", original.path("type").asText("Opaque"));
        ObjectNode metadata = copy.putObject("metadata");
        metadata.put("name", secret.name()).put("namespace", secret.namespace());
        if (!original.path("labels").isEmpty()) {
            metadata.set("labels", original.get("labels"));
        }
        if (!original.path("annotations").isEmpty()) {
            metadata.set("annotations", original.get("annotations"));
        }
        JsonNode values = values(backup);
        if (!values.isEmpty()) {
            copy.set("data", values);
        }
        return copy;
    }

    /** A Secret's data (empty when it has none); for a backup, without {@value #ORIGINAL}. */
    private static JsonNode values(ObjectNode secret) {
        ObjectNode data = secret.path("data").isObject() ? ((ObjectNode) secret.get("data")).deepCopy()
                : Json.object();
        data.remove(ORIGINAL);
        return data;
    }
}
