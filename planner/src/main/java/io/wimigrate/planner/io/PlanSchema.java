package io.wimigrate.planner.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The published plan schema ({@code schemas/plan.schema.json}, bundled into the jar). */
public final class PlanSchema {

    private static final JsonSchema SCHEMA = load();

    private PlanSchema() {
    }

    /** Schema violations, sorted, as "path: message"; empty when valid. */
    public static List<String> validate(JsonNode plan) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : SCHEMA.validate(plan)) {
            problems.add("schema: " + message.getMessage());
        }
        problems.sort(null);
        return problems;
    }

    private static JsonSchema load() {
        try (InputStream in = PlanSchema.class.getResourceAsStream("plan.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("plan.schema.json is missing from the classpath");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
