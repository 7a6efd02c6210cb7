package io.wimigrate.planner.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeName;
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

    private static final int HASH_CHUNK = 1 << 16;

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

    /**
     * Ids and digests are pure functions of a step's value, and each costs a JSON rendering and a hash, while
     * planning, checking and writing a plan ask for them several times: each is computed once per step.
     */
    private static final IdentityMemo<Step, String> IDS = new IdentityMemo<>();
    private static final IdentityMemo<Step, String> DIGESTS = new IdentityMemo<>();
    /** Looked up once per thread (a plan hashes three texts per step); digest() leaves it reset for the next. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    });
    /** Action names, read from each step type's annotation once. */
    private static final ClassValue<String> ACTIONS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getAnnotation(JsonTypeName.class).value();
        }
    };

    static String actionOf(Step step) {
        return ACTIONS.get(step.getClass());
    }

    static String digestOf(Step step) {
        return DIGESTS.computeIfAbsent(step, StepIds::computeDigest);
    }

    static String of(Step step) {
        return IDS.computeIfAbsent(step, StepIds::computeId);
    }

    private static String computeDigest(Step step) {
        try {
            return sha256(WITHOUT_DIGEST.writeValueAsString(step)).substring(0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan values are plain records", e);
        }
    }

    private static String computeId(Step step) {
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

    /**
     * The SHA-256 of the text in UTF-8, hashed a chunk at a time so a large plan is not copied whole to bytes. A chunk
     * of ASCII (nearly all of a plan) is its own UTF-8: its characters are copied straight into the bytes hashed.
     */
    public static String sha256(CharSequence text) {
        MessageDigest digest = SHA_256.get();
        if (text instanceof String string) {
            digest.update(string.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        }
        byte[] bytes = new byte[Math.min(text.length(), HASH_CHUNK)];
        for (int start = 0; start < text.length(); ) {
            int end = Math.min(text.length(), start + HASH_CHUNK);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            if (asciiInto(text, start, end, bytes)) {
                digest.update(bytes, 0, end - start);
            } else {
                digest.update(text.subSequence(start, end).toString().getBytes(StandardCharsets.UTF_8));
            }
            start = end;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Copies text[start, end) into {@code bytes} when it is all ASCII; false (bytes undefined) when it is not. */
    private static boolean asciiInto(CharSequence text, int start, int end, byte[] bytes) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            bytes[i - start] = (byte) c;
        }
        return true;
    }
}
