package io.wimigrate.planner.io;

import io.wimigrate.scanner.BadInputException;
import java.util.List;

/** A plan file that must not be used: not valid against the schema, or edited after {@code migrate plan} wrote it. */
public final class InvalidPlanException extends BadInputException {

    public InvalidPlanException(String source, List<String> problems) {
        super(source + ": invalid plan:\n  " + String.join("\n  ", problems));
    }
}
