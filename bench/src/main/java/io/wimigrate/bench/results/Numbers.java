package io.wimigrate.bench.results;

import java.util.Locale;

/** Numbers as the results table shows them: three significant digits, no exponent. */
public final class Numbers {

    private Numbers() {
    }

    /** The value and its unit, e.g. {@code 3.74 s}; empty for no value. */
    public static String withUnit(Double value, String unit) {
        return value == null ? "" : format(value) + (unit == null || unit.isEmpty() ? "" : " " + unit);
    }

    public static String format(Double value) {
        if (value == null) {
            return "";
        }
        double v = value;
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        double magnitude = Math.abs(v);
        int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
