package dev.glueorch.engine;

/**
 * Glue did not start a run. {@link #retryable()} is true for capacity and transient errors
 * (ConcurrentRunsExceeded, Throttling, InternalService, OperationTimeout): the action waits and is retried.
 * Otherwise (EntityNotFound, InvalidInput, ...) the action ends as errored, with Glue's message kept.
 */
public final class StartRejectedException extends RuntimeException {

    private final String errorCode;
    private final boolean retryable;

    public StartRejectedException(String errorCode, String message, boolean retryable, Throwable cause) {
        super(errorCode + ": " + message, cause);
        this.errorCode = errorCode;
        this.retryable = retryable;
    }

    public String errorCode() {
        return errorCode;
    }

    public boolean retryable() {
        return retryable;
    }
}
