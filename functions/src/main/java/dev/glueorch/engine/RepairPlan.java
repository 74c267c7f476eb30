package dev.glueorch.engine;

import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a repair of a workflow's partitions from {@code from} to {@code to} does, partition by partition, newest
 * first: decided, not done ({@link PartitionOperations#repair} and {@link PartitionOperations#repairStep} do it).
 * {@code partitions} is how many partitions the period has; those not in {@code repairs} are left as they are
 * (SUCCEEDED, RUNNING, QUEUED, NOT_DUE, and what the repair was not asked for). Only runs that ended before
 * {@code before} are repaired: a run that ends later is the repair's own, or newer than it.
 */
public record RepairPlan(String workflowName, String from, String to, int partitions, List<PartitionRepair> repairs,
                         Instant before) {

    /** The action states a repair runs again: Glue's Failed, Timeout and Errored, and stopped actions of a failure. */
    private static final Set<JobRunState> RERUN = rerun();

    private static Set<JobRunState> rerun() {
        Set<JobRunState> states = EnumSet.copyOf(PartitionState.FAILING);
        states.add(JobRunState.STOPPED);
        return Collections.unmodifiableSet(states);
    }

    public RepairPlan {
        repairs = List.copyOf(repairs);
    }

    /**
     * Decides the repair of {@code grid}'s partitions, with no I/O. {@code runs} holds, by id, the runs of its FAILED
     * and STOPPED partitions; {@code failed} resumes the FAILED ones, {@code missing} starts the MISSING ones.
     *
     * <p>STOPPED partitions are never repaired: an operator stopped the run (Glue does not resume a STOPPED run) or a
     * job run in it, and a repair does not undo a decision someone took; they are listed, with how to rerun them
     * where there is a way. A FAILED partition's stopped actions do run again, with its failed ones.
     */
    public static RepairPlan of(PartitionGrid grid, Map<String, WorkflowRun> runs, boolean failed, boolean missing,
                                Instant before) {
        List<PartitionRepair> repairs = new ArrayList<>();
        for (PartitionHealth partition : grid.partitions()) {
            String id = partition.partitionId();
            if (partition.state() == PartitionState.MISSING && missing) {
                repairs.add(new PartitionRepair.Start(id, RunIds.forPartition(grid.workflowName(), id)));
                continue;
            }
            boolean asked = partition.state() == PartitionState.FAILED
                    || partition.state() == PartitionState.STOPPED;
            WorkflowRun run = partition.workflowRunId() == null ? null : runs.get(partition.workflowRunId());
            if (!failed || !asked || run == null || !endedBefore(run, before)) {
                continue;
            }
            repairs.add(partition.state() == PartitionState.FAILED ? failedOne(id, run)
                    : stoppedOne(id, run));
        }
        return new RepairPlan(grid.workflowName(), grid.from(), grid.to(), grid.partitions().size(), repairs,
                before);
    }

    private static boolean endedBefore(WorkflowRun run, Instant before) {
        return run.status().hasEnded() && (run.completedOn() == null || run.completedOn().isBefore(before));
    }

    private static PartitionRepair failedOne(String partitionId, WorkflowRun run) {
        if (run.status() != WorkflowRunStatus.COMPLETED) {
            return new PartitionRepair.Skip(partitionId, PartitionState.FAILED, run.workflowRunId(), "run "
                    + run.workflowRunId() + " ended in " + run.status() + ", and Glue resumes only COMPLETED runs");
        }
        return new PartitionRepair.Resume(partitionId, run.workflowRunId(), nodes(run, RERUN),
                RunIds.resumeOf(run.workflowName(), run.workflowRunId()));
    }

    private static PartitionRepair stoppedOne(String partitionId, WorkflowRun run) {
        if (run.status() != WorkflowRunStatus.COMPLETED) {
            return new PartitionRepair.Skip(partitionId, PartitionState.STOPPED, run.workflowRunId(), "stopped by "
                    + "an operator (StopWorkflowRun), and Glue does not resume a STOPPED run: repair leaves it as "
                    + "it was stopped");
        }
        List<NodeId> stopped = nodes(run, EnumSet.of(JobRunState.STOPPED));
        return new PartitionRepair.Skip(partitionId, PartitionState.STOPPED, run.workflowRunId(), stopped.stream()
                .map(NodeId::toString).collect(Collectors.joining(", ")) + " stopped, nothing failed: repair leaves "
                + "stops alone; to rerun, glueorch runs resume " + run.workflowName() + " " + run.workflowRunId()
                + stopped.stream().map(node -> " --node " + node).collect(Collectors.joining()));
    }

    /** The run's jobs and crawlers with an action in one of {@code states}, once each, in the run's order. */
    private static List<NodeId> nodes(WorkflowRun run, Set<JobRunState> states) {
        Set<NodeId> nodes = new LinkedHashSet<>();
        for (ActionRun action : run.actions().values()) {
            if (states.contains(action.state())) {
                nodes.add(NodeId.of(action.type(), action.name()));
            }
        }
        return List.copyOf(nodes);
    }

    /** The partitions asked for that cannot be repaired (a FAILED run that Glue cannot resume). */
    public List<PartitionRepair.Skip> refused() {
        return repairs.stream().filter(r -> r instanceof PartitionRepair.Skip skip && skip.refused())
                .map(PartitionRepair.Skip.class::cast).toList();
    }
}
