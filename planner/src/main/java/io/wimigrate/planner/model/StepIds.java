package io.wimigrate.planner.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.wimigrate.scanner.report.InventoryCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Step ids and digests: SHA-256 over canonical JSON (record order, sorted maps, nulls left out). */
public final class StepIds {

    private StepIds() {
    }

    static String of(Step step) {
        return "st-" + sha256(step.action() + "\n" + canonical(step.target()) + "\n" + canonical(step.desired()))
                .substring(0, 12);
    }

    public static String canonical(Object value) {
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
