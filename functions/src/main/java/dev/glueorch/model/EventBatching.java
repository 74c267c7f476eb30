package dev.glueorch.model;

/**
 * Glue's {@code EventBatchingCondition} of an EVENT trigger: a run starts when {@code batchSize} events have
 * arrived, or {@code batchWindowSeconds} after the batch's first event, whichever comes first.
 */
public record EventBatching(int batchSize, int batchWindowSeconds) {

    /** Glue's bounds on {@code BatchSize}. */
    public static final int MIN_BATCH_SIZE = 1;
    public static final int MAX_BATCH_SIZE = 100;
    /** Glue's bounds on {@code BatchWindow}, in seconds, and its default when the field is left out. */
    public static final int MIN_BATCH_WINDOW_SECONDS = 1;
    public static final int MAX_BATCH_WINDOW_SECONDS = 900;
    public static final int DEFAULT_BATCH_WINDOW_SECONDS = 900;
    /** Glue's batching of an EVENT trigger created without an EventBatchingCondition: BatchSize 1. */
    public static final EventBatching ONE_PER_EVENT = new EventBatching(1, DEFAULT_BATCH_WINDOW_SECONDS);

    public EventBatching {
        if (batchSize < MIN_BATCH_SIZE || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("BatchSize " + batchSize + " is outside " + MIN_BATCH_SIZE + " to "
                    + MAX_BATCH_SIZE);
        }
        if (batchWindowSeconds < MIN_BATCH_WINDOW_SECONDS || batchWindowSeconds > MAX_BATCH_WINDOW_SECONDS) {
            throw new IllegalArgumentException("BatchWindow " + batchWindowSeconds + " is outside "
                    + MIN_BATCH_WINDOW_SECONDS + " to " + MAX_BATCH_WINDOW_SECONDS + " seconds");
        }
    }
}
