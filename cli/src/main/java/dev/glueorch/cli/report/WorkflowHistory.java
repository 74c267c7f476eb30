package dev.glueorch.cli.report;

import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.WorkflowDefinition;
import java.util.List;

/**
 * What a report is made from, for one workflow: its definition (the version its latest run started with), its runs
 * over the period with their job runs and crawls, and the notifications about them.
 */
public record WorkflowHistory(WorkflowDefinition definition, List<WorkflowRun> runs,
                              List<OrchestratorEvent.Notification> notifications, NotificationSource source) {

    public WorkflowHistory {
        runs = List.copyOf(runs);
        notifications = List.copyOf(notifications);
    }
}
