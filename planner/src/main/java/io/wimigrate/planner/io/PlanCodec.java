package io.wimigrate.planner.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes and reads {@code plan.yaml}. Writing is deterministic: record components in declaration order, map keys
 * sorted, nulls left out, no timestamps, '\n' line ends, a blank line before each step so a diff shows whole steps.
 * The header's digest is the SHA-256 of the plan written with no digest; reading recomputes it.
 */
public final class PlanCodec {

    private static final String DIGEST_PREFIX = "sha256:";
    private static final Pattern STEP_START = Pattern.compile("(?m)^(\\s*)- action: ");

    private static final ObjectMapper YAML = YAMLMapper.builder(InputLimits.yaml(YAMLFactory.builder())
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private PlanCodec() {
    }

    /** The plan as written to {@code plan.yaml}, its digest filled in. */
    public static String write(Plan plan) {
        Plan undigested = plan.withDigest(null);
        return render(undigested.withDigest(digestOf(undigested)));
    }

    /** The digest of a plan's content: independent of the digest field itself. */
    public static String digestOf(Plan plan) {
        return DIGEST_PREFIX + StepIds.sha256(render(plan.withDigest(null)));
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

    private static String render(Plan plan) {
        try {
            String text = YAML.writeValueAsString(plan);
            text = STEP_START.matcher(text).replaceAll("\n$1- action: ");
            return text.endsWith("\n") ? text : text + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
