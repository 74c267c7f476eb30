package dev.glueorch.engine;

import java.time.Instant;
import java.util.Map;

/**
 * The orchestrator's events about a run, built from the run and what its write kept pending: the handling that
 * changed the run and the reconciler that re-sends the event later build the same one.
 */
final class OrchestratorEvents {

    private OrchestratorEvents() {
    }

    /** The event {@code pending} stands for, from the run as stored. */
    static OrchestratorEvent of(WorkflowRun run, Partition partition, PendingEvent pending) {
        return switch (pending.kind()) {
            case RUN_STARTED -> runStarted(run, partition, pending.at());
            case RUN_COMPLETED -> runCompleted(run, partition, pending.at());
            case ACTION_STARTED -> {
                ActionRun action = actionOf(run, pending);
                yield actionStarted(run, partition, action, action.jobRunId(), pending.at());
            }
            case ACTION_COMPLETED -> actionCompleted(run, partition, actionOf(run, pending), pending.at());
        };
    }

    static OrchestratorEvent.WorkflowRunStarted runStarted(WorkflowRun run, Partition partition, Instant at) {
        return new OrchestratorEvent.WorkflowRunStarted(run.workflowName(), run.workflowRunId(), run.partitionId(),
                properties(partition), at);
    }

    static OrchestratorEvent.WorkflowRunCompleted runCompleted(WorkflowRun run, Partition partition, Instant at) {
        return new OrchestratorEvent.WorkflowRunCompleted(run.workflowName(), run.workflowRunId(), run.partitionId(),
                properties(partition), run.status(), run.statistics(), at);
    }

    /** "Action Started", with the job run id Glue gave ({@code null} for a crawl). */
    static OrchestratorEvent.ActionStarted actionStarted(WorkflowRun run, Partition partition, ActionRun action,
                                                         String jobRunId, Instant at) {
        return new OrchestratorEvent.ActionStarted(run.workflowName(), run.workflowRunId(), run.partitionId(),
                properties(partition), action.actionId(), action.triggerName(), action.type(), action.name(),
                jobRunId, at);
    }

    /** "Action Completed", from the action as it ended. */
    static OrchestratorEvent.ActionCompleted actionCompleted(WorkflowRun run, Partition partition, ActionRun action,
                                                             Instant at) {
        return new OrchestratorEvent.ActionCompleted(run.workflowName(), run.workflowRunId(), run.partitionId(),
                properties(partition), action.actionId(), action.triggerName(), action.type(), action.name(),
                action.jobRunId(), action.state(), action.errorMessage(), at);
    }

    private static Map<String, String> properties(Partition partition) {
        return partition == null ? Map.of() : partition.runProperties();
    }

    private static ActionRun actionOf(WorkflowRun run, PendingEvent pending) {
        ActionRun action = run.actions().get(pending.actionId());
        if (action == null) {
            throw new IllegalStateException("run " + run.workflowRunId() + " has no action " + pending.actionId()
                    + " for its pending " + pending.kind().detailType());
        }
        return action;
    }
}
