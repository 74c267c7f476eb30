package dev.glueorch.aws;

import java.util.Set;

/**
 * A call to an AWS service that did not succeed: the service's refusal ({@link #errorCode()} and HTTP status) or,
 * with {@link #statusCode()} 0 and no error code, a request that never got an answer (connection, timeout).
 */
public final class AwsCallException extends RuntimeException {

    private static final Set<String> THROTTLING = Set.of("ThrottlingException", "Throttling", "ThrottledException",
            "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException",
            "SlowDown", "ProvisionedThroughputExceededException");

    private final String operation;
    private final String errorCode;
    private final int statusCode;
    private final String errorMessage;

    AwsCallException(String operation, String errorCode, String errorMessage, int statusCode) {
        super(operation + " failed: " + errorCode + " (HTTP " + statusCode + "): " + errorMessage);
        this.operation = operation;
        this.errorCode = errorCode;
        this.statusCode = statusCode;
        this.errorMessage = errorMessage;
    }

    AwsCallException(String operation, Throwable cause) {
        super(operation + " got no answer: " + cause.getMessage(), cause);
        this.operation = operation;
        this.errorCode = null;
        this.statusCode = 0;
        this.errorMessage = cause.getMessage();
    }

    public String operation() {
        return operation;
    }

    /** The service's error code (e.g. {@code EntityNotFoundException}); {@code null} when no answer came. */
    public String errorCode() {
        return errorCode;
    }

    /** The HTTP status; 0 when no answer came. */
    public int statusCode() {
        return statusCode;
    }

    /** The service's own message, without the operation and code this exception's message adds. */
    public String errorMessage() {
        return errorMessage;
    }

    public boolean isThrottling() {
        return errorCode != null && (THROTTLING.contains(errorCode) || statusCode == 429);
    }

    /** Whether trying again later may succeed: no answer, throttled, or the service's own fault (5xx). */
    public boolean isRetryable() {
        return errorCode == null || isThrottling() || statusCode >= 500;
    }
}
