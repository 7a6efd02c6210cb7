package io.wimigrate.cli;

import io.wimigrate.scanner.BadInputException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration as an operator types it: {@code 7d}, {@code 36h}, {@code 90m}, {@code 0s}, or ISO-8601 ({@code P7D}). */
final class GracePeriod {

    private static final Pattern SHORT = Pattern.compile("(\\d+)([dhms])");

    private GracePeriod() {
    }

    static Duration parse(String option, String text) {
        Matcher shortForm = SHORT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            Duration duration = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            if (!duration.isNegative()) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // reported below with the accepted forms
        }
        throw new BadInputException(option + " " + text + ": not a duration; write e.g. 7d, 36h, 90m, 0s or P7D");
    }
}
