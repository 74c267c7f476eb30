package dev.glueorch.handler;

/** An event that cannot be handled: its message names the event id, the field and what was expected. */
public final class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
