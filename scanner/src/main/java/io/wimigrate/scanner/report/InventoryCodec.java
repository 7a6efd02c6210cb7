package io.wimigrate.scanner.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.wimigrate.scanner.BadInputException;
import io.wimigrate.scanner.InputLimits;
import io.wimigrate.scanner.ParserMessages;
import io.wimigrate.scanner.model.Inventory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Reads and writes the inventory as JSON or YAML. Output is deterministic: record components in declaration order,
 * map entries sorted, nulls left out, '\n' line ends whatever the platform.
 */
public final class InventoryCodec {

    private static final ObjectMapper JSON = configure(JsonMapper.builder(InputLimits.json()).build());
    private static final ObjectMapper YAML = configure(YAMLMapper.builder(InputLimits.yaml(YAMLFactory.builder())
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build())
            .build());

    private InventoryCodec() {
    }

    /** The JSON mapper every wimigrate document (inventory, SARIF) is written with. */
    public static ObjectMapper json() {
        return JSON;
    }

    public static String toJson(Object document) {
        return write(jsonWriter(), document);
    }

    public static String toYaml(Object document) {
        return write(YAML.writer(), document);
    }

    /** Reads an inventory written by {@code migrate scan -o json|yaml}; the format is told by the content. */
    public static Inventory read(Path file) {
        try {
            String text = InputLimits.readString(file, file.toString());
            ObjectMapper mapper = text.stripLeading().startsWith("{") ? JSON : YAML;
            Inventory inventory = mapper.readValue(text, Inventory.class);
            if (!Inventory.API_VERSION.equals(inventory.apiVersion()) || !Inventory.KIND.equals(inventory.kind())) {
                throw new BadInputException(file + ": not a wimigrate inventory (expected apiVersion "
                        + Inventory.API_VERSION + ", kind " + Inventory.KIND + ")");
            }
            return inventory;
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read inventory: " + ParserMessages.withoutQuotes(e.getMessage()), e);
        }
    }

    private static ObjectWriter jsonWriter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        return JSON.writer(printer);
    }

    private static String write(ObjectWriter writer, Object document) {
        try {
            String text = writer.writeValueAsString(document);
            return text.endsWith("\n") ? text : text + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <M extends ObjectMapper> M configure(M mapper) {
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }
}
