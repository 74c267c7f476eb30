package dev.glueorch.cli.report;

import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.engine.PartitionGrid;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a report is made from, for one workflow: its definition (the version its latest run started with), its runs
 * over the period with their job runs and crawls, the notifications about them, and the partitions of the period
 * ({@code null} for a workflow without Partitioning, or a report of one run).
 */
public record WorkflowHistory(WorkflowDefinition definition, List<WorkflowRun> runs,
                              List<OrchestratorEvent.Notification> notifications, NotificationSource source,
                              PartitionGrid partitions) {

    public WorkflowHistory {
        runs = List.copyOf(runs);
        notifications = List.copyOf(notifications);
    }

    /** A history without partitions. */
    public WorkflowHistory(WorkflowDefinition definition, List<WorkflowRun> runs,
                           List<OrchestratorEvent.Notification> notifications, NotificationSource source) {
        this(definition, runs, notifications, source, null);
    }

    /**
     * This history with the partitions {@code glueorch partitions} would show for it: the partitions of
     * {@code slots} (each partition a schedule implies in the period, with its slot) from the first of them on, and
     * those of this history's runs, each in its state at {@code now}. Unchanged for a workflow without
     * Partitioning: it has no partitions to show.
     */
    public WorkflowHistory withPartitions(Map<String, Instant> slots, Instant now) {
        if (definition.workflow().partitioning() == null) {
            return this;
        }
        String fromId = slots.keySet().stream().min(String::compareTo).orElse(null);
        // the grid takes a partition's newest run: a resumed run stands for the run it resumes
        List<WorkflowRun> newestFirst = new ArrayList<>(runs);
        newestFirst.sort(Comparator.comparing(WorkflowRun::startedOn).thenComparing(WorkflowRun::workflowRunId)
                .reversed());
        return new WorkflowHistory(definition, runs, notifications, source,
                PartitionGrid.of(definition, fromId, null, slots, newestFirst, now));
    }
}
