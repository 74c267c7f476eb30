package dev.glueorch.engine;

import dev.glueorch.contract.EventTypes;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The orchestrator's own events, published to its EventBridge bus with source {@value #SOURCE}. This type is the
 * one definition of their detail-types and detail schema (the README documents them from here).
 */
public sealed interface OrchestratorEvent permits OrchestratorEvent.WorkflowRunStarted,
        OrchestratorEvent.WorkflowRunCompleted, OrchestratorEvent.ActionStarted, OrchestratorEvent.ActionCompleted,
        OrchestratorEvent.Notification {

    String SOURCE = EventTypes.ORCHESTRATOR_SOURCE;

    /** The detail-types of the notifications (delayed, not started, timed out, failed, start failed, missing). */
    List<String> NOTIFICATION_DETAIL_TYPES = Arrays.stream(Notification.Kind.values())
            .map(Notification.Kind::detailType).toList();

    /** The EventBridge {@code detail-type}. */
    String detailType();

    /** The event's {@code time}. */
    Instant time();

    /** The EventBridge {@code detail}, JSON-ready (strings, numbers, maps). */
    Map<String, Object> detail();

    /**
     * The event's stable id, in its detail as {@code eventId}: the same however often the event is published (the
     * outbox re-sends what EventBridge did not accept), so a consumer drops a repeat by it.
     */
    String eventId();

    /** The stable id of the event of {@code detailType} about {@code subject} (a run, an action, a notification). */
    static String stableId(String detailType, String subject) {
        return UUID.nameUUIDFromBytes((detailType + '\u0000' + subject).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The detail fields that every event has. */
    private static Map<String, Object> common(String eventId, String workflowName, String workflowRunId,
                                              String partition, Map<String, String> partitionProperties) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventId", eventId);
        detail.put("workflowName", workflowName);
        if (workflowRunId != null) {
            detail.put("workflowRunId", workflowRunId);
        }
        detail.put("partition", partition);
        detail.put("partitionProperties", partitionProperties == null ? Map.of() : Map.copyOf(partitionProperties));
        return detail;
    }

    /** The fields of an action's events: the trigger, the job or crawler, and Glue's job run id once known. */
    private static Map<String, Object> action(String eventId, String workflowName, String workflowRunId,
                                              String partition, Map<String, String> partitionProperties,
                                              String actionId, String triggerName, NodeType type, String name,
                                              String jobRunId) {
        Map<String, Object> detail = common(eventId, workflowName, workflowRunId, partition, partitionProperties);
        detail.put("actionId", actionId);
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
            return EventTypes.WORKFLOW_RUN_STARTED;
        }

        @Override
        public String eventId() {
            return stableId(detailType(), workflowRunId);
        }

        @Override
        public Map<String, Object> detail() {
            Map<String, Object> detail = common(eventId(), workflowName, workflowRunId, partition,
                    partitionProperties);
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
            return EventTypes.WORKFLOW_RUN_COMPLETED;
        }

        @Override
        public String eventId() {
            return stableId(detailType(), workflowRunId);
        }

        @Override
        public Map<String, Object> detail() {
            Map<String, Object> detail = common(eventId(), workflowName, workflowRunId, partition,
                    partitionProperties);
            detail.put("status", status.name());
            detail.put("completedOn", time.toString());
            detail.put("statistics", statistics.toGlueShape());
            return detail;
        }
    }

    /** "Action Started": a trigger's job run or crawl was started in Glue. */
    record ActionStarted(String workflowName, String workflowRunId, String partition,
                         Map<String, String> partitionProperties, String actionId, String triggerName, NodeType type,
                         String name, String jobRunId, Instant time) implements OrchestratorEvent {
        @Override
        public String detailType() {
            return EventTypes.ACTION_STARTED;
        }

        @Override
        public String eventId() {
            return stableId(detailType(), actionId);
        }

        @Override
        public Map<String, Object> detail() {
            Map<String, Object> detail = action(eventId(), workflowName, workflowRunId, partition,
                    partitionProperties, actionId, triggerName, type, name, jobRunId);
            detail.put("startedOn", time.toString());
            return detail;
        }
    }

    /** "Action Completed": a job run or crawl reached a final state (or could not be started: ERROR). */
    record ActionCompleted(String workflowName, String workflowRunId, String partition,
                           Map<String, String> partitionProperties, String actionId, String triggerName,
                           NodeType type, String name, String jobRunId, JobRunState state, String errorMessage,
                           Instant time) implements OrchestratorEvent {
        @Override
        public String detailType() {
            return EventTypes.ACTION_COMPLETED;
        }

        @Override
        public String eventId() {
            return stableId(detailType(), actionId);
        }

        @Override
        public Map<String, Object> detail() {
            Map<String, Object> detail = action(eventId(), workflowName, workflowRunId, partition,
                    partitionProperties, actionId, triggerName, type, name, jobRunId);
            detail.put("state", state.name());
            if (errorMessage != null) {
                detail.put("errorMessage", errorMessage);
            }
            detail.put("completedOn", time.toString());
            return detail;
        }
    }

    /**
     * A notification for people: a run delayed, not started by its deadline, timed out or failed, an action Glue
     * would not start, or a partition whose schedule slot passed without a run. Sent once per kind and subject (a
     * job run, an action, a partition). {@code name}/{@code type} is the job or crawler (for a run not started, the
     * first job of its start trigger); {@code lateByMinutes} is how far past the expectation it is;
     * {@code consolePath} is the AWS console path of the job run (append it to the console's Regional address);
     * {@code missing} is what a "Partition Missing" says besides the partition ({@code null} for the other kinds).
     */
    record Notification(Kind kind, String workflowName, String workflowRunId, String partition,
                        Map<String, String> partitionProperties, NodeType type, String name, String jobRunId,
                        Long lateByMinutes, String consolePath, String message, Instant time, String subject,
                        Missing missing)
            implements OrchestratorEvent {

        public Notification {
            if ((kind == Kind.PARTITION_MISSING) != (missing != null)) {
                throw new IllegalArgumentException("a " + kind.detailType() + " notification "
                        + (missing == null ? "needs" : "has no") + " the trigger, slot and reason of a missing "
                        + "partition");
            }
        }

        /** A notification about a run or an action: every kind but "Partition Missing". */
        public Notification(Kind kind, String workflowName, String workflowRunId, String partition,
                            Map<String, String> partitionProperties, NodeType type, String name, String jobRunId,
                            Long lateByMinutes, String consolePath, String message, Instant time, String subject) {
            this(kind, workflowName, workflowRunId, partition, partitionProperties, type, name, jobRunId,
                    lateByMinutes, consolePath, message, time, subject, null);
        }

        /**
         * The SCHEDULED trigger whose slot passed without a run, that slot and why. One notification may stand for
         * several partitions of the trigger skipped at once (a long outage): the notification's {@code partition} is
         * the first of them, {@code lastPartition} and {@code lastSlot} the last, {@code partitions} how many; for
         * one partition they are the first's.
         */
        public record Missing(String triggerName, Instant slot, Reason reason, String lastPartition,
                              Instant lastSlot, int partitions) {

            /** Why the slot passed without a run. */
            public enum Reason {
                /** The tick did not run for a while, and the slot is older than {@code 1 + MaxCatchUpRuns} slots. */
                PAST_CATCH_UP_LIMIT,
                /** The trigger was DEACTIVATED (notified only for a workflow with NotifyMissingWhileDeactivated). */
                TRIGGER_DEACTIVATED
            }
        }

        /** What makes it one notification (a job run, an action, a partition): it is sent once per kind and subject. */
        public String key() {
            return kind.name() + "#" + subject;
        }

        @Override
        public String eventId() {
            return stableId(detailType(), subject);
        }

        /** The kinds, each an EventBridge detail-type. */
        public enum Kind {
            RUN_DELAYED(EventTypes.RUN_DELAYED), RUN_NOT_STARTED(EventTypes.RUN_NOT_STARTED),
            RUN_TIMED_OUT(EventTypes.RUN_TIMED_OUT), RUN_FAILED(EventTypes.RUN_FAILED),
            ACTION_START_FAILED(EventTypes.ACTION_START_FAILED), PARTITION_MISSING(EventTypes.PARTITION_MISSING);

            private final String detailType;

            Kind(String detailType) {
                this.detailType = detailType;
            }

            public String detailType() {
                return detailType;
            }
        }

        @Override
        public String detailType() {
            return kind.detailType();
        }

        @Override
        public Map<String, Object> detail() {
            Map<String, Object> detail = common(eventId(), workflowName, workflowRunId, partition,
                    partitionProperties);
            if (name != null) {
                detail.put(type == NodeType.CRAWLER ? "crawlerName" : "jobName", name);
            }
            if (jobRunId != null) {
                detail.put("jobRunId", jobRunId);
            }
            if (lateByMinutes != null) {
                detail.put("lateByMinutes", lateByMinutes);
            }
            if (consolePath != null) {
                detail.put("consolePath", consolePath);
            }
            if (missing != null) {
                detail.put("triggerName", missing.triggerName());
                detail.put("slot", missing.slot().toString());
                detail.put("reason", missing.reason().name());
                detail.put("lastPartition", missing.lastPartition());
                detail.put("lastSlot", missing.lastSlot().toString());
                detail.put("missingPartitions", missing.partitions());
            }
            detail.put("message", message);
            detail.put("at", time.toString());
            return detail;
        }
    }
}
