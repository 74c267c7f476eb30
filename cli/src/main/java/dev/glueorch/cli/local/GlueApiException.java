package dev.glueorch.cli.local;

/** An error answer of the local Glue endpoint, in Glue's shape: {@code {"__type": type, "Message": message}}. */
final class GlueApiException extends RuntimeException {

    private final String type;
    private final int status;

    GlueApiException(String type, String message, int status) {
        super(message);
        this.type = type;
        this.status = status;
    }

    /** A client error (HTTP 400), as Glue answers an unknown entity or a bad request. */
    static GlueApiException invalid(String type, String message) {
        return new GlueApiException(type, message, 400);
    }

    String type() {
        return type;
    }

    int status() {
        return status;
    }
}
