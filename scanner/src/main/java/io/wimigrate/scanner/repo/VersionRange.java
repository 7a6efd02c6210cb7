package io.wimigrate.scanner.repo;

/**
 * The versions a declaration allows, reduced to a lower and an upper bound (null when open).
 *
 * <p>Whether such a range supports workload identity is decided conservatively: yes when its lowest allowed version
 * does; no when even its highest allowed version does not (an exact pin is both bounds); otherwise unknown (null), since
 * the resolver or lock file picks the version. So {@code >=1.12,<2} against 1.13.0 is unknown and gives no finding,
 * while {@code ==1.12.0} or {@code <1.13} gives one.
 */
record VersionRange(String lower, boolean lowerInclusive, String upper, boolean upperInclusive) {

    static final VersionRange UNKNOWN = new VersionRange(null, false, null, false);

    static VersionRange exactly(String version) {
        return new VersionRange(version, true, version, true);
    }

    VersionRange withLower(String version, boolean inclusive) {
        return new VersionRange(version, inclusive, upper, upperInclusive);
    }

    VersionRange withUpper(String version, boolean inclusive) {
        return new VersionRange(lower, lowerInclusive, version, inclusive);
    }

    Boolean supports(String minimum) {
        if (lower != null && Versions.compare(lower, minimum) >= 0) {
            return true;
        }
        if (upper != null) {
            int upperVsMinimum = Versions.compare(upper, minimum);
            if (upperVsMinimum < 0 || upperVsMinimum == 0 && !upperInclusive) {
                return false;
            }
        }
        return null;
    }

    /**
     * A bracketed Maven/NuGet/Gradle range such as {@code [1.2,2.0)} or {@code (,1.8]}, or a bare version, which
     * Maven and Gradle resolve to exactly that version; {@code 1.+}, properties and union ranges are unknown.
     */
    static VersionRange ofMavenStyle(String text) {
        String spec = text.trim();
        if (Versions.isConcrete(spec)) {
            return exactly(spec);
        }
        if (spec.length() < 2 || "[(".indexOf(spec.charAt(0)) < 0 || "])".indexOf(spec.charAt(spec.length() - 1)) < 0
                || spec.contains("],") || spec.contains("),")) {
            return UNKNOWN;
        }
        String[] bounds = spec.substring(1, spec.length() - 1).split(",", -1);
        if (bounds.length == 1) {
            return Versions.isConcrete(bounds[0]) ? exactly(bounds[0].trim()) : UNKNOWN;
        }
        VersionRange range = UNKNOWN;
        if (Versions.isConcrete(bounds[0])) {
            range = range.withLower(bounds[0].trim(), spec.charAt(0) == '[');
        }
        if (Versions.isConcrete(bounds[1])) {
            range = range.withUpper(bounds[1].trim(), spec.charAt(spec.length() - 1) == ']');
        }
        return range;
    }

    /** PEP 440 specifiers joined by commas: {@code ==}, {@code ===}, {@code >=}, {@code >}, {@code <=}, {@code <}, {@code ~=}. */
    static VersionRange ofPep440(String text) {
        VersionRange range = UNKNOWN;
        for (String clause : text.split(",")) {
            String c = clause.trim();
            if (c.startsWith("===")) {
                range = exactly(c.substring(3).trim());
            } else if (c.startsWith("==") && !c.contains("*")) {
                range = exactly(c.substring(2).trim());
            } else if (c.startsWith(">=") || c.startsWith("~=")) {
                range = range.withLower(c.substring(2).trim(), true);
            } else if (c.startsWith("<=")) {
                range = range.withUpper(c.substring(2).trim(), true);
            } else if (c.startsWith(">")) {
                range = range.withLower(c.substring(1).trim(), false);
            } else if (c.startsWith("<")) {
                range = range.withUpper(c.substring(1).trim(), false);
            }
        }
        return range.concrete();
    }

    /**
     * An npm or Poetry range of space-separated comparators ({@code ^1.2.3}, {@code ~1.2}, {@code >=1.2 <2},
     * {@code 1.2.3}); alternatives ({@code ||}), hyphen ranges, tags and wildcards are unknown.
     */
    static VersionRange ofNpmStyle(String text) {
        String spec = text.trim();
        if (spec.contains("||") || spec.contains(" - ") || spec.isEmpty()) {
            return UNKNOWN;
        }
        VersionRange range = UNKNOWN;
        for (String part : spec.replace(",", " ").split("\\s+")) {
            if (part.startsWith("^") || part.startsWith("~")) {
                range = range.withLower(part.substring(1), true);
            } else if (part.startsWith(">=")) {
                range = range.withLower(part.substring(2), true);
            } else if (part.startsWith("<=")) {
                range = range.withUpper(part.substring(2), true);
            } else if (part.startsWith(">")) {
                range = range.withLower(part.substring(1), false);
            } else if (part.startsWith("<")) {
                range = range.withUpper(part.substring(1), false);
            } else {
                String exact = part.startsWith("=") ? part.substring(1) : part;
                if (Versions.isConcrete(exact) && !exact.matches("v?\\d+(\\.\\d+)?")) {
                    range = exactly(exact);
                } else if (Versions.isConcrete(exact)) {
                    // "1" or "1.2" in npm means any 1.x / 1.2.x: a lower bound only.
                    range = range.withLower(exact, true);
                }
            }
        }
        return range.concrete();
    }

    /** Drops bounds that are not versions (wildcards, tags), so comparisons never see them. */
    private VersionRange concrete() {
        return new VersionRange(lower != null && Versions.isConcrete(lower) ? lower : null, lowerInclusive,
                upper != null && Versions.isConcrete(upper) ? upper : null, upperInclusive);
    }
}
