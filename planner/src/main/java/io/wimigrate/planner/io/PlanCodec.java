package io.wimigrate.planner.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.wimigrate.planner.model.Phase;
import io.wimigrate.planner.model.Plan;
import io.wimigrate.planner.model.Step;
import io.wimigrate.planner.model.StepIds;
import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.InputLimits;
import io.wimigrate.scanner.ParserMessages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes and reads {@code plan.yaml}. Writing is deterministic: record components in declaration order, map keys
 * sorted, nulls left out, no timestamps, '\n' line ends, a blank line before each step so a diff shows whole steps.
 * Jackson's YAML module reads it; {@link BlockYamlGenerator} writes it, in the same bytes Jackson's would.
 * The header's digest is the SHA-256 of the plan written with no digest; reading recomputes it.
 */
public final class PlanCodec {

    private static final String DIGEST_PREFIX = "sha256:";
    private static final String HEADER = "\nheader:\n";
    /** The plan last digested, softly held for the write that usually follows; taken by that write. */
    private static final AtomicReference<SoftReference<Rendering>> LAST = new AtomicReference<>();

    private static final ObjectMapper YAML = YAMLMapper.builder(InputLimits.yaml(YAMLFactory.builder()).build())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private PlanCodec() {
    }

    /** The plan as written to {@code plan.yaml}, its digest filled in. */
    public static String write(Plan plan) {
        Rendering rendering = takeRendering(plan.withDigest(null));
        StringBuilder text = rendering.text();
        // The digest is the header's first field, left out while null: filling it in adds its line after "header:".
        text.insert(text.indexOf(HEADER) + HEADER.length(), "  digest: " + rendering.digest() + "\n");
        return text.toString();
    }

    /** The digest of a plan's content: independent of the digest field itself. */
    public static String digestOf(Plan plan) {
        Rendering rendering = rendering(plan.withDigest(null));
        LAST.set(new SoftReference<>(rendering));
        return rendering.digest();
    }

    /** A plan written with no digest, and the digest of that text. */
    private record Rendering(Plan undigested, StringBuilder text, String digest) {
    }

    private static Rendering rendering(Plan undigested) {
        StringBuilder text = render(undigested);
        return new Rendering(undigested, text, DIGEST_PREFIX + StepIds.sha256(text));
    }

    /**
     * The rendering {@link #digestOf} kept if it is of this plan, else a new one. The planner digests every plan and
     * the caller then writes it: without this, a 59,000-step plan (50 MB of YAML) would be rendered twice.
     */
    private static Rendering takeRendering(Plan undigested) {
        SoftReference<Rendering> last = LAST.getAndSet(null);
        Rendering kept = last == null ? null : last.get();
        return kept != null && kept.undigested().equals(undigested) ? kept : rendering(undigested);
    }

    public static Plan read(Path file) {
        try {
            return read(InputLimits.readString(file, file.toString()), file.toString());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read plan: " + ParserMessages.withoutQuotes(e.getMessage()), e);
        }
    }

    /**
     * Parses, validates against the published schema, and refuses a plan whose content no longer matches its digest
     * or whose steps no longer match their ids, naming the edited steps.
     */
    public static Plan read(String text, String source) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (IOException e) {
            throw new InvalidPlanException(source, List.of("not YAML: " + ParserMessages.withoutQuotes(e.getMessage())));
        }
        List<String> problems = PlanSchema.validate(tree);
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(source, problems);
        }
        Plan plan;
        try {
            plan = YAML.treeToValue(tree, Plan.class);
        } catch (IOException e) {
            throw new InvalidPlanException(source, List.of("does not map to a plan: " + ParserMessages.withoutQuotes(e.getMessage())));
        }
        problems.addAll(editedSteps(plan, tree));
        String digest = digestOf(plan);
        if (!digest.equals(plan.header().digest())) {
            problems.add(problems.isEmpty()
                    ? "content digest " + plan.header().digest() + " does not match " + digest
                    + ": the plan was edited outside its steps (header, findings, or the order or number of steps);"
                    + " run migrate plan again instead of editing plan.yaml"
                    : "content digest does not match: the plan was edited after migrate plan wrote it");
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(source, problems);
        }
        return plan;
    }

    private static List<String> editedSteps(Plan plan, JsonNode tree) {
        List<String> problems = new ArrayList<>();
        JsonNode phases = tree.path("phases");
        for (int p = 0; p < plan.phases().size(); p++) {
            Phase phase = plan.phases().get(p);
            for (int s = 0; s < phase.steps().size(); s++) {
                Step step = phase.steps().get(s);
                JsonNode written = phases.path(p).path("steps").path(s);
                String writtenId = written.path("id").asText();
                String where = "phase " + phase.phase() + ", step " + (s + 1) + " (" + writtenId + " "
                        + step.action() + " " + step.target().display() + ")";
                if (!writtenId.equals(step.id())) {
                    problems.add(where + ": edited: its target or desired state no longer matches its id (now "
                            + step.id() + ")");
                } else if (!written.path("precondition").asText().equals(step.precondition())
                        || !YAML.valueToTree(step.inverse()).equals(written.path("inverse"))) {
                    problems.add(where + ": edited: precondition or inverse differ from what the step implies");
                } else if (!written.path("digest").asText().equals(step.digest())) {
                    problems.add(where + ": edited: its reason, route or another field changed (digest "
                            + written.path("digest").asText() + ", now " + step.digest() + ")");
                }
                if (written.path("phase").asInt(-1) != step.phase()) {
                    problems.add(where + ": edited: a " + step.action() + " step runs in phase " + step.phase());
                } else if (step.phase() != phase.phase()) {
                    problems.add(where + ": a " + step.action() + " step belongs in phase " + step.phase());
                }
            }
        }
        return problems;
    }

    private static StringBuilder render(Plan plan) {
        BlockYamlGenerator generator = new BlockYamlGenerator("action");
        try (generator) {
            YAML.writeValue(generator, plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return generator.text();
    }
}
