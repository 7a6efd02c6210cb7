package io.wimigrate.azure.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A path pattern, the API area it belongs to (which decides auth, faults and error shape) and its handler. */
record Route(Area area, Pattern pattern, Handler handler) {

    enum Area { ARM, GRAPH, ENTRA }

    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request, Matcher path);
    }

    static Route of(Area area, String regex, Handler handler) {
        return new Route(area, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), handler);
    }
}
