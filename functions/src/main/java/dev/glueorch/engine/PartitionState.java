package dev.glueorch.engine;

import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The health of one partition of a workflow, from its run (one per partition) or, without one, from its schedule
 * slot: what {@code glueorch partitions} shows per row.
 */
public enum PartitionState {
    /** The run COMPLETED and every action succeeded. */
    SUCCEEDED,
    /** The run COMPLETED with failed, timed-out or errored actions, or ended in ERROR. */
    FAILED,
    /** The run is RUNNING, or STOPPING: its actions still run. */
    RUNNING,
    /** The run waits for a MaxConcurrentRuns slot. */
    QUEUED,
    /** The run was stopped, or COMPLETED with a stopped action and nothing failed: the data is not complete. */
    STOPPED,
    /** The partition's slot passed and it has no run: a deactivated trigger, a slot past MaxCatchUpRuns, a gap. */
    MISSING,
    /** The partition's slot is still to come. */
    NOT_DUE;

    /** The action states that make a COMPLETED run's partition FAILED (Glue's Failed, Timeout and Errored). */
    static final Set<JobRunState> FAILING = Collections.unmodifiableSet(EnumSet.of(JobRunState.FAILED,
            JobRunState.TIMEOUT, JobRunState.ERROR));

    /** The state of the partition whose run is {@code run}. */
    public static PartitionState of(WorkflowRun run) {
        return switch (run.status()) {
            case QUEUED -> QUEUED;
            case RUNNING, STOPPING -> RUNNING;
            case STOPPED -> STOPPED;
            case ERROR -> FAILED;
            case COMPLETED -> completed(run);
        };
    }

    private static PartitionState completed(WorkflowRun run) {
        // crawls count as jobs do: a failed catalog update leaves the partition unreadable by name
        if (run.actions().values().stream().anyMatch(action -> FAILING.contains(action.state()))) {
            return FAILED;
        }
        if (run.actions().values().stream().anyMatch(action -> action.state() == JobRunState.STOPPED)) {
            return STOPPED;
        }
        return SUCCEEDED;
    }

    /**
     * The state a grid cell shows for a job's action: Glue's terminal states, WAITING, and RUNNING for an action
     * on its way (STARTING) or being stopped (STOPPING).
     */
    static JobRunState cell(ActionRun action) {
        if (action.type() != NodeType.JOB) {
            throw new IllegalArgumentException(action.actionId() + " is not a job run");
        }
        return switch (action.state()) {
            case STARTING, STOPPING -> JobRunState.RUNNING;
            default -> action.state();
        };
    }
}
