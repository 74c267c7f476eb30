package dev.glueorch.engine;

import java.time.Instant;
import java.util.List;

/**
 * The open batch of an EVENT trigger for one partition ({@code partitionId} {@code null} when the trigger has no
 * PartitionFrom): the ids of the events counted so far, when the first arrived, and the batch's {@code sequence}
 * (the next batch of the same trigger and partition is {@code sequence + 1}).
 */
public record EventBatch(String workflowName, String triggerName, String partitionId, long sequence,
                         List<String> eventIds, Instant firstEventAt) {

    public EventBatch {
        eventIds = List.copyOf(eventIds);
    }

    public int size() {
        return eventIds.size();
    }
}
