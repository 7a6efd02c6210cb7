package io.wimigrate.scanner.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Ordered from most to least severe; the names match SARIF's result levels. */
public enum Severity {
    ERROR, WARNING, NOTE;

    @JsonValue
    public String sarifLevel() {
        return name().toLowerCase(Locale.ROOT);
    }
}
