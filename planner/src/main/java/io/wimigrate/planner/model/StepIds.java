package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.wimigrate.scanner.report.InventoryCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Step ids and digests: SHA-256 over canonical JSON (record order, sorted maps, nulls left out). */
public final class StepIds {

    private StepIds() {
    }

    /** Everything a step says, its own digest left out: reason, route, phase and derived fields included. */
    private static final ObjectMapper WITHOUT_DIGEST = JsonMapper.builder()
            .addMixIn(Step.class, WithoutDigest.class)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @JsonIgnoreProperties({"digest"})
    private interface WithoutDigest {
    }

    static String digestOf(Step step) {
        try {
            return sha256(WITHOUT_DIGEST.writeValueAsString(step)).substring(0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan values are plain records", e);
        }
    }

    static String of(Step step) {
        return "st-" + sha256(step.action() + "\n" + canonical(step.target()) + "\n" + canonical(step.desired()))
                .substring(0, 12);
    }

    private static String canonical(Object value) {
        try {
            return InventoryCodec.json().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan values are plain records", e);
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
