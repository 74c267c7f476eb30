package dev.glueorch.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A workflow run as stored: Glue's {@code WorkflowRun} plus what the orchestrator needs to evaluate triggers in
 * its scope (its partition, the definitions version it started with, its actions and the triggers that fired).
 */
public record WorkflowRun(String workflowName, String workflowRunId, String partitionId,
                          Map<String, String> properties, Instant startedOn, Instant completedOn,
                          WorkflowRunStatus status, Statistics statistics, String definitionsVersion,
                          Map<String, ActionRun> actions, Set<String> firedTriggers) {

    public WorkflowRun {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
        firedTriggers = Collections.unmodifiableSet(new TreeSet<>(firedTriggers));
    }

    /** A run that has just started: RUNNING, no action yet. */
    public static WorkflowRun started(String workflowName, String workflowRunId, String partitionId,
                                      Map<String, String> properties, Instant startedOn, String definitionsVersion) {
        return new WorkflowRun(workflowName, workflowRunId, partitionId, properties, startedOn, null,
                WorkflowRunStatus.RUNNING, Statistics.EMPTY, definitionsVersion, Map.of(), Set.of());
    }

    public boolean hasFired(String triggerName) {
        return firedTriggers.contains(triggerName);
    }
}
