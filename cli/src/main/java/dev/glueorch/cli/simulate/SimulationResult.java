package dev.glueorch.cli.simulate;

import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.engine.WorkflowRun;
import java.util.List;

/**
 * What a simulation produced: every workflow run (oldest first) with its actions, the notifications sent, what
 * Glue really ran (the ground truth the runs are checked against) and how many deliveries ended in the
 * dead-letter queue.
 */
public record SimulationResult(List<WorkflowRun> workflowRuns, List<OrchestratorEvent.Notification> notifications,
                               List<SimulatedGlue.JobRunRecord> glueJobRuns, List<SimulatedGlue.CrawlRecord> glueCrawls,
                               int failedInvocations, int deadLettered) {

    public SimulationResult {
        workflowRuns = List.copyOf(workflowRuns);
        notifications = List.copyOf(notifications);
        glueJobRuns = List.copyOf(glueJobRuns);
        glueCrawls = List.copyOf(glueCrawls);
    }
}
