package dev.glueorch.cli.local;

/** Why the local orchestrator could not start, in a line that says what to change (a port in use, say). */
public final class LocalStartException extends RuntimeException {

    LocalStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
