package io.wimigrate.scanner.repo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the version strings of Maven, PyPI, npm, NuGet and Go modules: numeric parts numerically
 * ({@code 1.10.0 > 1.9.0}), missing parts as zero, and a pre-release ({@code 1.9.0-beta.1}, {@code 1.13.0b1},
 * {@code v1.3.0-beta.2}) before its release.
 */
public final class Versions {

    private static final Pattern SHAPE = Pattern.compile("v?(\\d+(?:\\.\\d+)*)(.*)");

    private Versions() {
    }

    /** True when the text is one concrete version, not a range, a property or a wildcard. */
    public static boolean isConcrete(String version) {
        Matcher matcher = SHAPE.matcher(version.trim());
        return matcher.matches() && !matcher.group(2).contains("*") && !matcher.group(2).contains("+")
                && !matcher.group(2).contains(",") && !matcher.group(2).contains(" ");
    }

    public static int compare(String left, String right) {
        Parsed a = parse(left);
        Parsed b = parse(right);
        for (int i = 0; i < Math.max(a.numbers.size(), b.numbers.size()); i++) {
            long x = i < a.numbers.size() ? a.numbers.get(i) : 0;
            long y = i < b.numbers.size() ? b.numbers.get(i) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return Boolean.compare(!a.preRelease, !b.preRelease);
    }

    private record Parsed(List<Long> numbers, boolean preRelease) {
    }

    private static Parsed parse(String version) {
        Matcher matcher = SHAPE.matcher(version.trim());
        if (!matcher.matches()) {
            return new Parsed(List.of(), true);
        }
        List<Long> numbers = new ArrayList<>();
        for (String part : matcher.group(1).split("\\.")) {
            numbers.add(part.length() > 18 ? Long.MAX_VALUE : Long.parseLong(part));
        }
        String qualifier = matcher.group(2).toLowerCase(Locale.ROOT);
        boolean preRelease = !qualifier.isEmpty() && !qualifier.startsWith("+") && !qualifier.startsWith(".post")
                && !qualifier.startsWith("post") && !qualifier.equals(".final") && !qualifier.equals("-final")
                && !qualifier.equals(".release") && !qualifier.startsWith("-incompatible");
        return new Parsed(numbers, preRelease);
    }
}
