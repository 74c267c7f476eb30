package dev.glueorch.cli.simulate;

import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.engine.WorkflowRun;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a simulation produced: every workflow run (oldest first) with its actions, the notifications sent, what
 * Glue really ran (the ground truth the runs are checked against), how many deliveries ended in the dead-letter
 * queue, which starts had an unknown outcome, what EventBridge was offered and accepted, and how the reconcile passes
 * went.
 */
public record SimulationResult(List<WorkflowRun> workflowRuns, List<OrchestratorEvent.Notification> notifications,
                               List<SimulatedGlue.JobRunRecord> glueJobRuns, List<SimulatedGlue.CrawlRecord> glueCrawls,
                               int failedInvocations, int deadLettered, StartFaults startFaults,
                               Publishing publishing, Reconciliation reconciliation) {

    public SimulationResult {
        workflowRuns = List.copyOf(workflowRuns);
        notifications = List.copyOf(notifications);
        glueJobRuns = List.copyOf(glueJobRuns);
        glueCrawls = List.copyOf(glueCrawls);
    }

    /**
     * StartJobRun calls whose outcome the orchestrator could not know: answers lost after Glue started the run, and
     * 5xx answers before it started anything.
     */
    public record StartFaults(int answersLostAfterStart, int failedBeforeStart) {
    }

    /**
     * The orchestrators' side of EventBridge: every event handed to PutEvents (by its stable id), the ids the bus
     * accepted at least once, the calls made, failed whole and entries refused, and how many items still had
     * events pending in an outbox when the simulation ended.
     */
    public record Publishing(Map<String, OrchestratorEvent> offered, Set<String> accepted, int calls, int failedCalls,
                             int refusedEntries, int pendingAtEnd) {

        public Publishing {
            offered = Map.copyOf(offered);
            accepted = Set.copyOf(accepted);
        }

        /** Events offered to the bus that it never accepted: lost for their consumers. */
        public List<OrchestratorEvent> lost() {
            return offered.values().stream().filter(event -> !accepted.contains(event.eventId())).toList();
        }
    }

    /**
     * Reconcile passes run (those run at the same moment as a tick's retry among them), those that stopped early by
     * throwing (with the first failures), and single repairs that failed inside a pass or tick and were left for the
     * next.
     */
    public record Reconciliation(int passes, int concurrentPasses, int stoppedEarly, List<String> failures,
                                 int repairsFailed) {

        public Reconciliation {
            failures = List.copyOf(failures);
        }
    }
}
