package dev.glueorch.engine;

/**
 * Glue's {@code StartingEventBatchCondition} of a run an EVENT trigger started: {@code batchSize} is the number of
 * events when the batch filled up (else 0), {@code batchWindow} the window in seconds when it expired (else 0).
 */
public record EventBatchCondition(int batchSize, int batchWindow) {

    /** The batch reached its BatchSize with {@code events} events. */
    public static EventBatchCondition sizeReached(int events) {
        return new EventBatchCondition(events, 0);
    }

    /** The batch's window of {@code seconds} expired. */
    public static EventBatchCondition windowExpired(int seconds) {
        return new EventBatchCondition(0, seconds);
    }
}
