package dev.glueorch.cli.output;

import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.PredecessorRun;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.NodeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Workflow runs and job runs in exactly the shapes of Glue's responses (GetWorkflowRun(s) {@code Run}/{@code Runs},
 * GetJobRun {@code JobRun}), so scripts written against {@code aws glue ... --output json} read them unchanged.
 * Timestamps are ISO-8601 UTC; absent values are left out, as the AWS CLI does.
 */
public final class GlueShapes {

    private GlueShapes() {
    }

    /** A {@code WorkflowRun}. */
    public static Map<String, Object> workflowRun(WorkflowRun run) {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("Name", run.workflowName());
        shape.put("WorkflowRunId", run.workflowRunId());
        shape.put("WorkflowRunProperties", new TreeMap<>(run.properties()));
        shape.put("StartedOn", time(run.startedOn()));
        if (run.completedOn() != null) {
            shape.put("CompletedOn", time(run.completedOn()));
        }
        shape.put("Status", run.status().name());
        shape.put("Statistics", run.statistics().toGlueShape());
        return shape;
    }

    /** The {@code JobRun}s of a workflow run's job actions, plus the {@code WorkflowRunId} they belong to. */
    public static List<Map<String, Object>> jobRuns(WorkflowRun run) {
        List<Map<String, Object>> jobRuns = new ArrayList<>();
        for (ActionRun action : run.actions().values()) {
            if (action.type() == NodeType.JOB) {
                jobRuns.add(jobRun(run, action));
            }
        }
        return jobRuns;
    }

    private static Map<String, Object> jobRun(WorkflowRun run, ActionRun action) {
        Map<String, Object> shape = new LinkedHashMap<>();
        if (action.jobRunId() != null) {
            shape.put("Id", action.jobRunId());
        }
        shape.put("JobName", action.name());
        shape.put("TriggerName", action.triggerName());
        shape.put("Arguments", new TreeMap<>(action.arguments()));
        shape.put("StartedOn", time(action.startedOn()));
        if (action.completedOn() != null) {
            shape.put("CompletedOn", time(action.completedOn()));
        }
        shape.put("JobRunState", action.state().name());
        if (action.errorMessage() != null) {
            shape.put("ErrorMessage", action.errorMessage());
        }
        List<Map<String, Object>> predecessors = new ArrayList<>();
        for (PredecessorRun predecessor : action.predecessorRuns()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("JobName", predecessor.jobName());
            p.put("RunId", predecessor.runId());
            predecessors.add(p);
        }
        shape.put("PredecessorRuns", predecessors);
        shape.put("WorkflowRunId", run.workflowRunId());
        return shape;
    }

    private static String time(Instant instant) {
        return instant.toString();
    }
}
