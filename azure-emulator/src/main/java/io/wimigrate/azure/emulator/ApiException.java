package io.wimigrate.azure.emulator;

/** Ends a request with an error response already shaped for its API area. */
final class ApiException extends RuntimeException {
    private final transient ApiResponse response;

    ApiException(ApiResponse response, String message) {
        super(message, null, false, false);
        this.response = response;
    }

    ApiResponse response() {
        return response;
    }
}
