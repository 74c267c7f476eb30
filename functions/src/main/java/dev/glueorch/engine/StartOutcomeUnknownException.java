package dev.glueorch.engine;

/**
 * A start request (StartJobRun, StartCrawler) got no definite answer: no answer at all, a timeout, or a 5xx. Glue may
 * or may not have started the run, so the request must not be sent again blindly: the caller looks the run up (by
 * its {@link ArgumentResolver#ACTION_ID_ARGUMENT}, or the crawler's state) and adopts it if Glue started it.
 */
public final class StartOutcomeUnknownException extends RuntimeException {

    private final String errorCode;

    public StartOutcomeUnknownException(String errorCode, String message, Throwable cause) {
        super(errorCode + ": " + message, cause);
        this.errorCode = errorCode;
    }

    /** Glue's error code (for a 5xx), or {@code NoAnswer} when nothing came back. */
    public String errorCode() {
        return errorCode;
    }
}
