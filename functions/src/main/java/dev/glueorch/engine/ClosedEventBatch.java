package dev.glueorch.engine;

/**
 * A batch that closed — it filled up or its window expired, as {@code condition} says — and whose run is to be
 * started or joined. It is kept until that is done, so a crash in between is finished by the next tick.
 */
public record ClosedEventBatch(EventBatch batch, EventBatchCondition condition) {
}
