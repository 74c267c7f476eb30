package dev.glueorch.engine;

import dev.glueorch.model.Action;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One action of a workflow run: a job run or crawl that a trigger of the run fired. {@code actionId} is unique
 * across runs and is passed to the job as {@link ArgumentResolver#ACTION_ID_ARGUMENT}, so a run Glue started
 * can be found again after a crash. {@code jobRunId} is {@code null} until Glue answered, and always for crawls.
 * Crawls keep their state in the job-run vocabulary (a cancelled crawl is STOPPED). {@code index} is the action's
 * position in its trigger's {@code Actions}.
 */
public record ActionRun(String actionId, String triggerName, int index, NodeType type, String name, String jobRunId,
                        JobRunState state, Map<String, String> arguments, Instant startedOn, Instant completedOn,
                        List<PredecessorRun> predecessorRuns, String errorMessage) {

    public ActionRun {
        arguments = Map.copyOf(arguments);
        predecessorRuns = List.copyOf(predecessorRuns);
    }

    /** An action a trigger just claimed, not yet started in Glue. */
    public static ActionRun claimed(String actionId, String triggerName, int index, NodeType type, String name,
                                    Map<String, String> arguments, Instant at, List<PredecessorRun> predecessors) {
        return new ActionRun(actionId, triggerName, index, type, name, null, JobRunState.STARTING, arguments, at,
                null, predecessors, null);
    }

    /** The action of the definitions this run started with: its trigger's {@code Actions[index]}. */
    public Action definitionIn(WorkflowDefinition workflow) {
        List<Action> actions = workflow.trigger(triggerName).map(Trigger::actions).orElseThrow(() ->
                new IllegalStateException("trigger " + triggerName + " of action " + actionId + " is not in the "
                        + "definitions of workflow " + workflow.name()));
        if (index >= actions.size()) {
            throw new IllegalStateException("trigger " + triggerName + " has no action " + index + " (" + actionId
                    + ")");
        }
        return actions.get(index);
    }

    public ActionRef ref(String workflowName, String workflowRunId) {
        return new ActionRef(workflowName, workflowRunId, actionId);
    }
}
