package dev.glueorch.queue;

/** A start queue message whose body is not a due slot: no worker can handle it, however often it is delivered. */
public final class InvalidSlotMessageException extends RuntimeException {

    public InvalidSlotMessageException(String message) {
        super(message);
    }
}
