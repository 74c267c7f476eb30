package dev.glueorch.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The batches of EVENT triggers. An event is counted once however often it is delivered; a batch closes once however
 * many callers try; both are conditional writes, and a loser learns it from the return value.
 */
public interface EventBatches {

    /** What {@link #addEvent} did. */
    enum Added {
        /** Counted in the batch returned. */
        ADDED,
        /** Counted before (a repeated delivery): nothing changed. */
        DUPLICATE,
        /** The open batch is full: close it (it is returned), then add the event again. */
        FULL
    }

    /** The outcome of {@link #addEvent} and the batch as it is after it (empty for a duplicate). */
    record Addition(Added outcome, Optional<EventBatch> batch) {
    }

    /**
     * Counts event {@code eventId} in the open batch of (trigger, partition), unless it was counted before or the
     * batch already holds {@code batchSize} events: one transaction, whose seen-event record expires at
     * {@code seenUntil}.
     */
    Addition addEvent(String workflowName, String triggerName, String partitionId, String eventId, Instant at,
                      int batchSize, Instant seenUntil);

    /** The open batch of (trigger, partition), read consistently, if it holds any event. */
    Optional<EventBatch> openEventBatch(String triggerName, String partitionId);

    /** Every open batch that holds an event, for the tick to close those whose window expired (one query). */
    List<EventBatch> openEventBatches();

    /**
     * Closes {@code batch} as it was read (same sequence, same events), recording it closed with {@code condition};
     * the next event opens the next sequence. Empty when another caller closed it, or an event arrived since.
     */
    Optional<ClosedEventBatch> closeEventBatch(EventBatch batch, EventBatchCondition condition);

    /** The closed batches whose run was not yet started or joined (one query). */
    List<ClosedEventBatch> closedEventBatches();

    /** The closed batch's run was started or joined: it is forgotten. */
    void forgetClosedEventBatch(ClosedEventBatch closed);
}
