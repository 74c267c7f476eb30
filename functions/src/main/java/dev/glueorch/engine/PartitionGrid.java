package dev.glueorch.engine;

import dev.glueorch.model.Action;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.model.Trigger;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The partitions of a workflow in a period, newest first, each with its state and its jobs' states: the partitions
 * its SCHEDULED triggers imply and those that have a run (an EVENT trigger's, an operator's). {@code from} and
 * {@code to} are the period's first and last partition ids; {@code jobs} every job a trigger starts, in trigger
 * order: the grid's columns.
 */
public record PartitionGrid(String workflowName, String from, String to, List<String> jobs,
                            List<PartitionHealth> partitions) {

    public PartitionGrid {
        jobs = List.copyOf(jobs);
        partitions = List.copyOf(partitions);
    }

    /**
     * Derives the grid, with no I/O: {@code slots} maps each partition a schedule implies to its earliest slot,
     * {@code runs} are the workflow's runs newest first (the first of a partition wins: a resumed run replaces the
     * run it resumes); partitions outside {@code fromId} to {@code toId} ({@code null}: no bound) are left out.
     * Partition ids of one workflow sort as their times do.
     */
    public static PartitionGrid of(WorkflowDefinition workflow, String fromId, String toId,
                                   Map<String, Instant> slots, List<WorkflowRun> runs, Instant now) {
        Map<String, WorkflowRun> runOf = new HashMap<>();
        for (WorkflowRun run : runs) {
            String id = run.partitionId();
            if (id != null && within(id, fromId, toId)) {
                runOf.putIfAbsent(id, run);
            }
        }
        TreeSet<String> ids = new TreeSet<>(runOf.keySet());
        slots.keySet().stream().filter(id -> within(id, fromId, toId)).forEach(ids::add);
        List<String> jobs = jobsOf(workflow);
        List<PartitionHealth> partitions = new ArrayList<>();
        for (String id : ids.descendingSet()) {
            WorkflowRun run = runOf.get(id);
            if (run != null) {
                partitions.add(new PartitionHealth(id, PartitionState.of(run), run.workflowRunId(),
                        jobStates(jobs, run)));
            } else {
                PartitionState state = slots.get(id).isAfter(now) ? PartitionState.NOT_DUE : PartitionState.MISSING;
                partitions.add(new PartitionHealth(id, state, null, jobStates(jobs, null)));
            }
        }
        String to = toId != null ? toId : ids.isEmpty() ? fromId : ids.last();
        return new PartitionGrid(workflow.name(), fromId, to, jobs, partitions);
    }

    /** How many partitions are in each state, every state listed, in the enum's order. */
    public Map<PartitionState, Integer> counts() {
        Map<PartitionState, Integer> counts = new EnumMap<>(PartitionState.class);
        for (PartitionState state : PartitionState.values()) {
            counts.put(state, 0);
        }
        partitions.forEach(partition -> counts.merge(partition.state(), 1, Integer::sum));
        return counts;
    }

    /** Every job a trigger of the workflow starts, once, in the order of the triggers and their actions. */
    static List<String> jobsOf(WorkflowDefinition workflow) {
        Set<String> jobs = new LinkedHashSet<>();
        for (Trigger trigger : workflow.triggers()) {
            for (Action action : trigger.actions()) {
                if (action.type() == NodeType.JOB) {
                    jobs.add(action.name());
                }
            }
        }
        return List.copyOf(jobs);
    }

    private static Map<String, JobRunState> jobStates(List<String> jobs, WorkflowRun run) {
        Map<String, JobRunState> states = new LinkedHashMap<>();
        for (String job : jobs) {
            states.put(job, run == null ? null : latestAction(run, job).map(PartitionState::cell).orElse(null));
        }
        return states;
    }

    /** The job's latest action in the run: two triggers of a run may start the same job. */
    private static Optional<ActionRun> latestAction(WorkflowRun run, String job) {
        return run.actions().values().stream()
                .filter(action -> action.type() == NodeType.JOB && action.name().equals(job))
                .max(Comparator.comparing(ActionRun::startedOn, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    private static boolean within(String id, String fromId, String toId) {
        return (fromId == null || id.compareTo(fromId) >= 0) && (toId == null || id.compareTo(toId) <= 0);
    }
}
