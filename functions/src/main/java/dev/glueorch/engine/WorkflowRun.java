package dev.glueorch.engine;

import dev.glueorch.model.Condition;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A workflow run as stored: Glue's {@code WorkflowRun} plus what the orchestrator needs to evaluate triggers in
 * its scope (its partition with the run properties and arguments it defines, the definitions version it started with, its actions, the triggers that fired, and the
 * completions other accounts' orchestrators reported for its partition, keyed by {@link #remoteKey}), and, for a
 * resumed run, the run it resumes ({@code previousRunId}, Glue's {@code PreviousRunId}). {@code startTrigger} is the
 * SCHEDULED, ON_DEMAND or EVENT trigger that fires when the run starts ({@code null} for a run opened by another account's
 * completion, until its own start comes): kept on the run so that a start a crash interrupted is fired later.
 * {@code startingEventBatchCondition} is Glue's {@code StartingEventBatchCondition} of a run an EVENT trigger's batch
 * started ({@code null} otherwise).
 */
public record WorkflowRun(String workflowName, String workflowRunId, Partition partition,
                          Map<String, String> properties, Instant startedOn, Instant completedOn,
                          WorkflowRunStatus status, Statistics statistics, String definitionsVersion,
                          Map<String, ActionRun> actions, Set<String> firedTriggers,
                          Map<String, JobRunState> remoteOutcomes, String previousRunId, String startTrigger,
                          EventBatchCondition startingEventBatchCondition) {

    public WorkflowRun {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
        firedTriggers = Collections.unmodifiableSet(new TreeSet<>(firedTriggers));
        remoteOutcomes = Collections.unmodifiableMap(new LinkedHashMap<>(remoteOutcomes));
    }

    /** The partition's id, {@code null} for a run of no partition (started on demand without one). */
    public String partitionId() {
        return partition == null ? null : partition.id();
    }

    /** How a remote completion is keyed: {@code account|region|JOB|name}. */
    public static String remoteKey(String account, String region, NodeType type, String name) {
        return account + "|" + region + "|" + type + "|" + name;
    }

    /** Whether another account's orchestrator reported a completion that meets {@code condition}. */
    public boolean remotelyMeets(Condition condition) {
        return remoteOutcomes.entrySet().stream().anyMatch(entry -> {
            String[] key = entry.getKey().split("\\|", 4);
            return condition.isMetRemotelyBy(key[0], key[1], NodeType.valueOf(key[2]), key[3], entry.getValue());
        });
    }

    /** A run that has just started: RUNNING, no action yet. */
    public static WorkflowRun started(String workflowName, String workflowRunId, Partition partition,
                                      Map<String, String> properties, Instant startedOn, String definitionsVersion) {
        return new WorkflowRun(workflowName, workflowRunId, partition, properties, startedOn, null,
                WorkflowRunStatus.RUNNING, Statistics.EMPTY, definitionsVersion, Map.of(), Set.of(), Map.of(), null,
                null, null);
    }

    /**
     * The run of {@code partition}, just started: its id is the partition's, its properties the workflow's defaults
     * and the partition's own.
     */
    public static WorkflowRun ofPartition(WorkflowDefinition workflow, Partition partition, Instant startedOn,
                                          String definitionsVersion) {
        Map<String, String> properties = new LinkedHashMap<>(workflow.workflow().defaultRunProperties());
        properties.putAll(partition.runProperties());
        return started(workflow.name(), RunIds.forPartition(workflow.name(), partition.id()), partition, properties,
                startedOn, definitionsVersion);
    }

    /** This run with {@code trigger} as the trigger that fires when it starts. */
    public WorkflowRun withStartTrigger(String trigger) {
        return new WorkflowRun(workflowName, workflowRunId, partition, properties, startedOn, completedOn, status,
                statistics, definitionsVersion, actions, firedTriggers, remoteOutcomes, previousRunId, trigger,
                startingEventBatchCondition);
    }

    /**
     * This run as a batch of events starts it: Glue's {@code aws:eventIds} run property (the batch's event ids, a
     * JSON array in a string, as run properties are strings) and its {@code StartingEventBatchCondition}.
     */
    public WorkflowRun startedByEvents(java.util.List<String> eventIds, EventBatchCondition condition) {
        Map<String, String> withIds = new LinkedHashMap<>(properties);
        withIds.put(EVENT_IDS_PROPERTY, eventIdsProperty(eventIds));
        return new WorkflowRun(workflowName, workflowRunId, partition, withIds, startedOn, completedOn, status,
                statistics, definitionsVersion, actions, firedTriggers, remoteOutcomes, previousRunId, startTrigger,
                condition);
    }

    /** Glue's run property that lists the events of the batch that started a run. */
    public static final String EVENT_IDS_PROPERTY = "aws:eventIds";

    /** The value of {@link #EVENT_IDS_PROPERTY}: the ids as a JSON array of strings. */
    public static String eventIdsProperty(java.util.List<String> eventIds) {
        StringBuilder json = new StringBuilder("[");
        for (String id : eventIds) {
            json.append(json.length() == 1 ? "" : ",").append('"').append(new String(
                    com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(id))).append('"');
        }
        return json.append(']').toString();
    }

    /** This run waiting for a concurrency slot: QUEUED, not started yet. */
    public WorkflowRun queued() {
        return new WorkflowRun(workflowName, workflowRunId, partition, properties, startedOn, completedOn,
                WorkflowRunStatus.QUEUED, statistics, definitionsVersion, actions, firedTriggers, remoteOutcomes,
                previousRunId, startTrigger, startingEventBatchCondition);
    }

    public boolean hasFired(String triggerName) {
        return firedTriggers.contains(triggerName);
    }
}
