package dev.glueorch.engine;

/** The item an event is pending on until it is sent: a workflow run's, or a notification's claim. */
public sealed interface OutboxItem permits OutboxItem.Run, OutboxItem.Notification {

    /** The item of a workflow run. */
    record Run(String workflowName, String workflowRunId) implements OutboxItem {
    }

    /** The claim of a notification, by its {@link OrchestratorEvent.Notification#key()}. */
    record Notification(String key) implements OutboxItem {
    }

    static OutboxItem of(WorkflowRun run) {
        return new Run(run.workflowName(), run.workflowRunId());
    }
}
