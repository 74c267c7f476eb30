package dev.glueorch.store;

import dev.glueorch.contract.StatisticsCounters;
import dev.glueorch.engine.ActionRun;
import dev.glueorch.engine.EventBatchCondition;
import dev.glueorch.engine.Partition;
import dev.glueorch.engine.PredecessorRun;
import dev.glueorch.engine.Statistics;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.engine.WorkflowRunStatus;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps workflow runs to and from their DynamoDB items, all in the workflow's partition: the run
 * ({@code RUN#<id>}: status, properties, statistics, fired triggers), each action ({@code RUN#<id>#ACTION#<actionId>})
 * and each firing's predecessor runs, stored once for all its actions ({@code RUN#<id>#FIRING#<trigger>}). A run of
 * 1,000 actions, or a 500-condition fan-in firing 50, is many small items, never one over DynamoDB's 400 KB. Attribute
 * names are Glue's ({@code WorkflowRunId}, {@code StartedOn}, {@code TotalActions}, ...) so the table reads like
 * Glue's API. The statistics are top-level numbers of the run's item, moved in the same transaction as the action.
 * Runs stored by an earlier version hold their actions in the run's item ({@code Actions}); they are read too.
 */
final class RunItems {

    static final String NAME = "Name";
    static final String WORKFLOW_RUN_ID = "WorkflowRunId";
    static final String PARTITION = "Partition";
    /** The run properties and arguments the partition defines (absent on runs stored before they were kept). */
    static final String PARTITION_PROPERTIES = "PartitionProperties";
    static final String PARTITION_ARGUMENTS = "PartitionArguments";
    static final String PROPERTIES = "WorkflowRunProperties";
    static final String STARTED_ON = "StartedOn";
    static final String COMPLETED_ON = "CompletedOn";
    static final String STATUS = "Status";
    static final String DEFINITIONS_VERSION = "DefinitionsVersion";
    static final String ACTIONS = "Actions";
    static final String FIRED_TRIGGERS = "FiredTriggers";
    static final String REMOTE_OUTCOMES = "RemoteOutcomes";
    static final String PREVIOUS_RUN_ID = "PreviousRunId";
    static final String START_TRIGGER = "StartTrigger";
    static final String CONCURRENCY_LIMITED = "ConcurrencyLimited";
    /** Glue's StartingEventBatchCondition of a run a batch of events started: {BatchSize, BatchWindow}. */
    static final String STARTING_EVENT_BATCH_CONDITION = "StartingEventBatchCondition";
    static final String BATCH_SIZE = "BatchSize";
    static final String BATCH_WINDOW = "BatchWindow";
    /** The ActiveRuns index partition: every run not yet finished. */
    static final String ACTIVE = "ACTIVE";

    static final String TRIGGER_NAME = "TriggerName";
    static final String ACTION_INDEX = "ActionIndex";
    static final String TYPE = "Type";
    static final String JOB_RUN_ID = "JobRunId";
    static final String STATE = "State";
    static final String ARGUMENTS = "Arguments";
    static final String PREDECESSOR_RUNS = "PredecessorRuns";
    static final String ERROR_MESSAGE = "ErrorMessage";
    static final String ACTION_ID = "ActionId";
    static final String JOB_NAME = "JobName";
    static final String RUN_ID = "RunId";
    private static final String ACTION_PART = "ACTION#";
    private static final String FIRING_PART = "FIRING#";
    private static final Duration PARTS_OUTLIVE_HISTORY = Duration.ofDays(365);

    static final String TOTAL = StatisticsCounters.TOTAL;
    static final String TIMEOUT = StatisticsCounters.TIMEOUT;
    static final String FAILED = StatisticsCounters.FAILED;
    static final String STOPPED = StatisticsCounters.STOPPED;
    static final String SUCCEEDED = StatisticsCounters.SUCCEEDED;
    static final String RUNNING = StatisticsCounters.RUNNING;
    static final String ERRORED = StatisticsCounters.ERRORED;
    static final String WAITING = StatisticsCounters.WAITING;

    private RunItems() {
    }

    static String workflowKey(String workflowName) {
        return "WORKFLOW#" + workflowName;
    }

    static String runKey(String workflowRunId) {
        return "RUN#" + workflowRunId;
    }

    static Map<String, AttributeValue> key(String workflowName, String workflowRunId) {
        return Map.of(TableDesign.PK, s(workflowKey(workflowName)), TableDesign.SK, s(runKey(workflowRunId)));
    }

    /** The sort keys of the run's own items (actions, firings) all begin with this. */
    static String partsPrefix(String workflowRunId) {
        return runKey(workflowRunId) + "#";
    }

    static Map<String, AttributeValue> actionKey(String workflowName, String workflowRunId, String actionId) {
        return Map.of(TableDesign.PK, s(workflowKey(workflowName)),
                TableDesign.SK, s(partsPrefix(workflowRunId) + ACTION_PART + actionId));
    }

    static Map<String, AttributeValue> firingKey(String workflowName, String workflowRunId, String triggerName) {
        return Map.of(TableDesign.PK, s(workflowKey(workflowName)),
                TableDesign.SK, s(partsPrefix(workflowRunId) + FIRING_PART + triggerName));
    }

    /** The run's sort key in the RunsByStartedOn index. */
    static String byStartedOn(Instant startedOn, String workflowRunId) {
        return TableDesign.sortable(startedOn) + "#" + workflowRunId;
    }

    /** The run's sort key in the ActiveRuns index (oldest first). */
    static String activeSince(Instant startedOn, String workflowName, String workflowRunId) {
        return TableDesign.sortable(startedOn) + "#" + workflowName + "#" + workflowRunId;
    }

    /** The statistics counter an action in {@code state} is counted in. */
    static String counterOf(JobRunState state) {
        return switch (state) {
            case STARTING, RUNNING, STOPPING -> RUNNING;
            case WAITING -> WAITING;
            case SUCCEEDED -> SUCCEEDED;
            case FAILED -> FAILED;
            case TIMEOUT -> TIMEOUT;
            case STOPPED -> STOPPED;
            case ERROR -> ERRORED;
        };
    }

    /**
     * The run's item. Only a run that has ended expires ({@code expiresAt}, {@code null} for one not ended): TTL must
     * never delete a run still RUNNING, which holds a concurrency slot and awaits its events.
     */
    static Map<String, AttributeValue> toItem(WorkflowRun run, Long expiresAt, boolean concurrencyLimited) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(run.workflowName(), run.workflowRunId()));
        item.put(TableDesign.GSI1_PK, s(workflowKey(run.workflowName())));
        item.put(TableDesign.GSI1_SK, s(byStartedOn(run.startedOn(), run.workflowRunId())));
        if (run.status() == WorkflowRunStatus.RUNNING || run.status() == WorkflowRunStatus.STOPPING) {
            item.put(TableDesign.GSI2_PK, s(ACTIVE));
            item.put(TableDesign.GSI2_SK, s(activeSince(run.startedOn(), run.workflowName(), run.workflowRunId())));
        }
        item.put(NAME, s(run.workflowName()));
        item.put(WORKFLOW_RUN_ID, s(run.workflowRunId()));
        if (run.partition() != null) {
            item.put(PARTITION, s(run.partition().id()));
            item.put(PARTITION_PROPERTIES, stringMap(run.partition().runProperties()));
            item.put(PARTITION_ARGUMENTS, stringMap(run.partition().arguments()));
        }
        item.put(PROPERTIES, stringMap(run.properties()));
        item.put(STARTED_ON, s(run.startedOn().toString()));
        if (run.completedOn() != null) {
            item.put(COMPLETED_ON, s(run.completedOn().toString()));
        }
        item.put(STATUS, s(run.status().name()));
        item.put(DEFINITIONS_VERSION, s(run.definitionsVersion()));
        int[] values = run.statistics().values();
        for (int i = 0; i < values.length; i++) {
            item.put(StatisticsCounters.ALL.get(i), n(values[i]));
        }
        Map<String, AttributeValue> remote = new LinkedHashMap<>();
        run.remoteOutcomes().forEach((key, state) -> remote.put(key, s(state.name())));
        item.put(REMOTE_OUTCOMES, AttributeValue.fromM(remote));
        if (!run.firedTriggers().isEmpty()) {
            item.put(FIRED_TRIGGERS, AttributeValue.fromSs(new ArrayList<>(run.firedTriggers())));
        }
        if (run.previousRunId() != null) {
            item.put(PREVIOUS_RUN_ID, s(run.previousRunId()));
        }
        if (run.startTrigger() != null) {
            item.put(START_TRIGGER, s(run.startTrigger()));
        }
        if (run.startingEventBatchCondition() != null) {
            item.put(STARTING_EVENT_BATCH_CONDITION, AttributeValue.fromM(Map.of(
                    BATCH_SIZE, n(run.startingEventBatchCondition().batchSize()),
                    BATCH_WINDOW, n(run.startingEventBatchCondition().batchWindow()))));
        }
        if (concurrencyLimited) {
            item.put(CONCURRENCY_LIMITED, AttributeValue.fromBool(true));
        }
        if (expiresAt != null) {
            item.put(TableDesign.TTL_ATTRIBUTE, n(expiresAt));
        }
        return item;
    }

    /**
     * When a run's own items (actions, firings), written at {@code writtenOn}, expire: a year after the run's
     * history would. They carry their expiry from the start, because setting it when the run ends would cost a write
     * per action; a run is never RUNNING for a year (runs wait, at worst, for their actions' starts and ends).
     */
    static long partsExpireAt(Instant writtenOn, Duration history) {
        return writtenOn.plus(history).plus(PARTS_OUTLIVE_HISTORY).getEpochSecond();
    }

    /** {@code item}, one of the run's own items written on {@code writtenOn}, with its expiry. */
    static Map<String, AttributeValue> expiringPart(Map<String, AttributeValue> item, Instant writtenOn,
                                                    Duration history) {
        Map<String, AttributeValue> expiring = new HashMap<>(item);
        expiring.put(TableDesign.TTL_ATTRIBUTE, n(partsExpireAt(writtenOn, history)));
        return expiring;
    }

    /**
     * The item of one of the run's actions; its predecessor runs only with {@code withPredecessors} (otherwise they
     * are its firing's, see {@link #firingItem}).
     */
    static Map<String, AttributeValue> actionItem(String workflowName, String workflowRunId, ActionRun action,
                                                  boolean withPredecessors) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(actionKey(workflowName, workflowRunId,
                action.actionId()));
        item.put(ACTION_ID, s(action.actionId()));
        item.putAll(toAttribute(action).m());
        if (!withPredecessors) {
            item.remove(PREDECESSOR_RUNS);
        }
        return item;
    }

    /** The predecessor runs of a trigger's firing, stored once for all the actions it started. */
    static Map<String, AttributeValue> firingItem(String workflowName, String workflowRunId, String triggerName,
                                                  List<PredecessorRun> predecessors) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(firingKey(workflowName, workflowRunId, triggerName));
        item.put(TRIGGER_NAME, s(triggerName));
        item.put(PREDECESSOR_RUNS, predecessorsAttribute(predecessors));
        return item;
    }

    private static AttributeValue predecessorsAttribute(List<PredecessorRun> predecessorRuns) {
        List<AttributeValue> predecessors = new ArrayList<>();
        for (PredecessorRun predecessor : predecessorRuns) {
            predecessors.add(AttributeValue.fromM(Map.of(JOB_NAME, s(predecessor.jobName()),
                    RUN_ID, s(predecessor.runId()))));
        }
        return AttributeValue.fromL(predecessors);
    }

    private static List<PredecessorRun> predecessorsFrom(AttributeValue value) {
        List<PredecessorRun> predecessors = new ArrayList<>();
        if (value != null && value.l() != null) {
            for (AttributeValue entry : value.l()) {
                predecessors.add(new PredecessorRun(entry.m().get(JOB_NAME).s(), entry.m().get(RUN_ID).s()));
            }
        }
        return predecessors;
    }

    /** An action as it was embedded in the run's item by an earlier version (and in the same attributes now). */
    static AttributeValue toAttribute(ActionRun action) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        map.put(TRIGGER_NAME, s(action.triggerName()));
        map.put(ACTION_INDEX, n(action.index()));
        map.put(TYPE, s(action.type().name()));
        map.put(NAME, s(action.name()));
        if (action.jobRunId() != null) {
            map.put(JOB_RUN_ID, s(action.jobRunId()));
        }
        map.put(STATE, s(action.state().name()));
        map.put(ARGUMENTS, stringMap(action.arguments()));
        map.put(STARTED_ON, s(action.startedOn().toString()));
        if (action.completedOn() != null) {
            map.put(COMPLETED_ON, s(action.completedOn().toString()));
        }
        map.put(PREDECESSOR_RUNS, predecessorsAttribute(action.predecessorRuns()));
        if (action.errorMessage() != null) {
            map.put(ERROR_MESSAGE, s(action.errorMessage()));
        }
        return AttributeValue.fromM(map);
    }

    /** The run's item alone: its actions only if an earlier version embedded them. */
    static WorkflowRun fromItem(Map<String, AttributeValue> item) {
        return fromItems(item, List.of());
    }

    /** The run from its item and its own items (actions, firings), in any order. */
    static WorkflowRun fromItems(Map<String, AttributeValue> item, List<Map<String, AttributeValue>> parts) {
        Map<String, ActionRun> actions = new TreeMap<>();
        if (item.containsKey(ACTIONS)) {
            item.get(ACTIONS).m().forEach((id, value) -> actions.put(id, actionFrom(id, value.m(), List.of())));
        }
        Map<String, List<PredecessorRun>> firings = new HashMap<>();
        for (Map<String, AttributeValue> part : parts) {
            if (part.get(TableDesign.SK).s().contains("#" + FIRING_PART)) {
                firings.put(part.get(TRIGGER_NAME).s(), predecessorsFrom(part.get(PREDECESSOR_RUNS)));
            }
        }
        for (Map<String, AttributeValue> part : parts) {
            if (part.containsKey(ACTION_ID)) {
                String id = part.get(ACTION_ID).s();
                actions.put(id, actionFrom(id, part, firings.getOrDefault(part.get(TRIGGER_NAME).s(), List.of())));
            }
        }
        Map<String, ActionRun> ordered = new LinkedHashMap<>();
        actions.values().stream().sorted(Comparator.comparing(ActionRun::startedOn)
                .thenComparing(ActionRun::actionId)).forEach(a -> ordered.put(a.actionId(), a));
        Set<String> fired = item.containsKey(FIRED_TRIGGERS) ? new HashSet<>(item.get(FIRED_TRIGGERS).ss())
                : Set.of();
        return new WorkflowRun(item.get(NAME).s(), item.get(WORKFLOW_RUN_ID).s(), partitionFrom(item),
                stringMapFrom(item.get(PROPERTIES)), Instant.parse(item.get(STARTED_ON).s()),
                instant(item, COMPLETED_ON), WorkflowRunStatus.valueOf(item.get(STATUS).s()),
                new Statistics(count(item, TOTAL), count(item, TIMEOUT), count(item, FAILED), count(item, STOPPED),
                        count(item, SUCCEEDED), count(item, RUNNING), count(item, ERRORED), count(item, WAITING)),
                item.get(DEFINITIONS_VERSION).s(), ordered, fired, remoteOutcomes(item), text(item, PREVIOUS_RUN_ID),
                text(item, START_TRIGGER), eventBatchCondition(item));
    }

    /** Absent on runs no batch of events started, and on every run stored before EVENT triggers. */
    private static EventBatchCondition eventBatchCondition(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(STARTING_EVENT_BATCH_CONDITION);
        if (value == null || value.m() == null) {
            return null;
        }
        return new EventBatchCondition(count(value.m(), BATCH_SIZE), count(value.m(), BATCH_WINDOW));
    }

    private static Map<String, JobRunState> remoteOutcomes(Map<String, AttributeValue> item) {
        Map<String, JobRunState> outcomes = new TreeMap<>();
        if (item.containsKey(REMOTE_OUTCOMES)) {
            item.get(REMOTE_OUTCOMES).m().forEach((key, value) -> outcomes.put(key, JobRunState.valueOf(value.s())));
        }
        return outcomes;
    }

    private static ActionRun actionFrom(String id, Map<String, AttributeValue> map,
                                        List<PredecessorRun> firingPredecessors) {
        List<PredecessorRun> predecessors = map.containsKey(PREDECESSOR_RUNS)
                ? predecessorsFrom(map.get(PREDECESSOR_RUNS)) : firingPredecessors;
        // actions written before the index was kept carry it only as their id's last segment
        int index = map.containsKey(ACTION_INDEX) ? Integer.parseInt(map.get(ACTION_INDEX).n())
                : Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
        return new ActionRun(id, map.get(TRIGGER_NAME).s(), index, NodeType.valueOf(map.get(TYPE).s()),
                map.get(NAME).s(), text(map, JOB_RUN_ID), JobRunState.valueOf(map.get(STATE).s()),
                stringMapFrom(map.get(ARGUMENTS)), Instant.parse(map.get(STARTED_ON).s()),
                instant(map, COMPLETED_ON), predecessors, text(map, ERROR_MESSAGE));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = text(item, name);
        return value == null ? null : Instant.parse(value);
    }

    static AttributeValue stringMap(Map<String, String> map) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        map.forEach((k, v) -> values.put(k, s(v)));
        return AttributeValue.fromM(values);
    }

    static Map<String, String> stringMapFrom(AttributeValue value) {
        Map<String, String> map = new LinkedHashMap<>();
        if (value != null && value.m() != null) {
            new TreeMap<>(value.m()).forEach((k, v) -> map.put(k, v.s()));
        }
        return map;
    }

    private static Partition partitionFrom(Map<String, AttributeValue> item) {
        String id = text(item, PARTITION);
        return id == null ? null : new Partition(id, stringMapFrom(item.get(PARTITION_PROPERTIES)),
                stringMapFrom(item.get(PARTITION_ARGUMENTS)));
    }

    private static int count(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Integer.parseInt(value.n());
    }
}
