package dev.glueorch.cli.local;

/** An error answer of the local AWS API endpoint, in the shape of Glue's and EventBridge's: {@code {"__type": type, "Message": message}}. */
final class AwsApiException extends RuntimeException {

    private final String type;
    private final int status;

    AwsApiException(String type, String message, int status) {
        super(message);
        this.type = type;
        this.status = status;
    }

    /** A client error (HTTP 400), as Glue answers an unknown entity or a bad request. */
    static AwsApiException invalid(String type, String message) {
        return new AwsApiException(type, message, 400);
    }

    String type() {
        return type;
    }

    int status() {
        return status;
    }
}
