package dev.glueorch.engine;

import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The orchestrator's own events, published to its EventBridge bus with source {@value #SOURCE}. This type is the
 * one definition of their detail-types and detail schema (the README documents them from here).
 */
public sealed interface OrchestratorEvent permits OrchestratorEvent.WorkflowRunStarted,
        OrchestratorEvent.WorkflowRunCompleted, OrchestratorEvent.ActionStarted, OrchestratorEvent.ActionCompleted {

    String SOURCE = "glue-orchestrator";

    /** The detail-types of the notifications (delayed, not started, timed out, failed, start failed). */
    java.util.List<String> NOTIFICATION_DETAIL_TYPES = java.util.List.of("Run Delayed", "Run Not Started",
            "Run Timed Out", "Run Failed", "Action Start Failed");

    /** The EventBridge {@code detail-type}. */
    String detailType();

    /** The event's {@code time}. */
    Instant time();

    /** The EventBridge {@code detail}, JSON-ready (strings, numbers, maps). */
    Map<String, Object> detail();

    /** The detail fields that every event has. */
    private static Map<String, Object> common(String workflowName, String workflowRunId, String partition,
                                              Map<String, String> partitionProperties) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("workflowName", workflowName);
        detail.put("workflowRunId", workflowRunId);
        detail.put("partition", partition);
        detail.put("partitionProperties", Map.copyOf(partitionProperties));
        return detail;
    }

    /** The fields of an action's events: the trigger, the job or crawler, and Glue's job run id once known. */
    private static Map<String, Object> action(String workflowName, String workflowRunId, String partition,
                                              Map<String, String> partitionProperties, String triggerName,
                                              NodeType type, String name, String jobRunId) {
        Map<String, Object> detail = common(workflowName, workflowRunId, partition, partitionProperties);
        detail.put("triggerName", triggerName);
        detail.put(type == NodeType.JOB ? "jobName" : "crawlerName", name);
        if (jobRunId != null) {
            detail.put("jobRunId", jobRunId);
        }
        return detail;
    }

    /** "Workflow Run Started". */
    record WorkflowRunStarted(String workflowName, String workflowRunId, String partition,
                              Map<String, String> partitionProperties, Instant time) implements OrchestratorEvent {
        @Override
        public String detailType() {
            return "Workflow Run Started";
        }

        @Override
        public Map<String, Object> detail() {
            Map<String, Object> detail = common(workflowName, workflowRunId, partition, partitionProperties);
            detail.put("startedOn", time.toString());
            return detail;
        }
    }

    /** "Workflow Run Completed": the run's final status and Glue statistics. */
    record WorkflowRunCompleted(String workflowName, String workflowRunId, String partition,
                                Map<String, String> partitionProperties, WorkflowRunStatus status,
                                Statistics statistics, Instant time) implements OrchestratorEvent {
        @Override
        public String detailType() {
            return "Workflow Run Completed";
        }

        @Override
        public Map<String, Object> detail() {
            Map<String, Object> detail = common(workflowName, workflowRunId, partition, partitionProperties);
            detail.put("status", status.name());
            detail.put("completedOn", time.toString());
            detail.put("statistics", statistics.toGlueShape());
            return detail;
        }
    }

    /** "Action Started": a trigger's job run or crawl was started in Glue. */
    record ActionStarted(String workflowName, String workflowRunId, String partition,
                         Map<String, String> partitionProperties, String triggerName, NodeType type, String name,
                         String jobRunId, Instant time) implements OrchestratorEvent {
        @Override
        public String detailType() {
            return "Action Started";
        }

        @Override
        public Map<String, Object> detail() {
            Map<String, Object> detail = action(workflowName, workflowRunId, partition, partitionProperties,
                    triggerName, type, name, jobRunId);
            detail.put("startedOn", time.toString());
            return detail;
        }
    }

    /** "Action Completed": a job run or crawl reached a final state (or could not be started: ERROR). */
    record ActionCompleted(String workflowName, String workflowRunId, String partition,
                           Map<String, String> partitionProperties, String triggerName, NodeType type, String name,
                           String jobRunId, JobRunState state, String errorMessage, Instant time)
            implements OrchestratorEvent {
        @Override
        public String detailType() {
            return "Action Completed";
        }

        @Override
        public Map<String, Object> detail() {
            Map<String, Object> detail = action(workflowName, workflowRunId, partition, partitionProperties,
                    triggerName, type, name, jobRunId);
            detail.put("state", state.name());
            if (errorMessage != null) {
                detail.put("errorMessage", errorMessage);
            }
            detail.put("completedOn", time.toString());
            return detail;
        }
    }
}
