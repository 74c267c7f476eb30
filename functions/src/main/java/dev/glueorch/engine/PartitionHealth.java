package dev.glueorch.engine;

import dev.glueorch.model.JobRunState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One partition of a workflow: its id, its state, its run ({@code null} when it has none) and, per job of the
 * workflow in trigger order, the state of that job's action in the run ({@code null}: the run started no such
 * action, or there is no run).
 */
public record PartitionHealth(String partitionId, PartitionState state, String workflowRunId,
                              Map<String, JobRunState> jobs) {

    public PartitionHealth {
        // LinkedHashMap: the jobs' order is the grid's columns, and a job without action maps to null
        jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
    }
}
