package dev.glueorch.cli.report;

import dev.glueorch.engine.OperationException;
import dev.glueorch.engine.Partitions;
import dev.glueorch.engine.RunPage;
import dev.glueorch.engine.WorkflowOperations;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report of a workflow from a deployed orchestrator's table, through Glue's run operations; its partitions are
 * derived from the runs it reads for the period, not read again.
 */
final class DeployedReport {

    /** GetWorkflowRuns' largest page. */
    private static final int PAGE = 1000;

    private DeployedReport() {
    }

    /**
     * The runs started since {@code since}, or the one run {@code runId} when that is not {@code null}; the graph
     * is the definitions version the latest (or that) run started with.
     *
     * @param versions the definitions of a version
     * @throws OperationException for an unknown workflow or run
     */
    static Report of(WorkflowOperations operations, Function<String, Definitions> versions, String workflow,
                     Instant since, String runId, Instant now) {
        List<WorkflowRun> runs = runId != null ? List.of(operations.getWorkflowRun(workflow, runId))
                : runsSince(operations, workflow, since);
        Map<String, Optional<WorkflowDefinition>> byVersion = new HashMap<>();
        Function<WorkflowRun, Optional<WorkflowDefinition>> definitionOf = run -> byVersion.computeIfAbsent(
                run.definitionsVersion(), v -> versions.apply(v).workflow(workflow));
        WorkflowDefinition definition = runs.stream().max(Comparator.comparing(WorkflowRun::startedOn))
                .flatMap(definitionOf).or(() -> operations.definitions().workflow(workflow))
                .orElseThrow(() -> new OperationException(OperationException.Kind.NOT_FOUND, "workflow " + workflow
                        + " is in no definitions version of its runs; see glueorch workflows list"));
        WorkflowHistory history = new WorkflowHistory(definition, runs, DerivedNotifications.of(runs, definitionOf,
                now), NotificationSource.DERIVED);
        if (runId == null) {
            history = history.withPartitions(Partitions.scheduledSince(definition, since, now), now);
        }
        Instant from = runId == null ? since : runs.get(0).startedOn();
        Instant to = runId == null || runs.get(0).completedOn() == null ? now : runs.get(0).completedOn();
        String what = runId == null ? "runs since " + since.truncatedTo(ChronoUnit.SECONDS) : "run " + runId;
        return new Report("Run report: " + workflow + ", " + what, now, from, to,
                List.of(WorkflowReport.of(history, runId)));
    }

    private static List<WorkflowRun> runsSince(WorkflowOperations operations, String workflow, Instant since) {
        List<WorkflowRun> runs = new ArrayList<>();
        String token = null;
        do {
            RunPage page = operations.listWorkflowRuns(workflow, since, null, PAGE, token);
            runs.addAll(page.runs());
            token = page.nextToken();
        } while (token != null);
        return runs;
    }
}
