package dev.glueorch.engine;

import dev.glueorch.contract.EventTypes;
import java.time.Instant;

/**
 * An event about a run, kept pending on the run's item by the very write that changed the run (its outbox entry)
 * until EventBridge accepted it: what to publish ({@code kind}, and for an action's events its {@code actionId}),
 * and its {@code at}, the event's time. {@code eventId} is the event's stable id.
 */
public record PendingEvent(String eventId, Kind kind, String actionId, Instant at) {

    /** What happened to the run. */
    public enum Kind {
        RUN_STARTED(EventTypes.WORKFLOW_RUN_STARTED), RUN_COMPLETED(EventTypes.WORKFLOW_RUN_COMPLETED),
        ACTION_STARTED(EventTypes.ACTION_STARTED), ACTION_COMPLETED(EventTypes.ACTION_COMPLETED);

        private final String detailType;

        Kind(String detailType) {
            this.detailType = detailType;
        }

        /** The event's detail-type. */
        public String detailType() {
            return detailType;
        }
    }

    /** The run {@code workflowRunId} started or ended ({@code kind} RUN_STARTED or RUN_COMPLETED) at {@code at}. */
    public static PendingEvent ofRun(Kind kind, String workflowRunId, Instant at) {
        return new PendingEvent(OrchestratorEvent.stableId(kind.detailType(), workflowRunId), kind, null, at);
    }

    /** The action {@code actionId} started or ended ({@code kind} ACTION_STARTED or ACTION_COMPLETED) at {@code at}. */
    public static PendingEvent ofAction(Kind kind, String actionId, Instant at) {
        return new PendingEvent(OrchestratorEvent.stableId(kind.detailType(), actionId), kind, actionId, at);
    }
}
