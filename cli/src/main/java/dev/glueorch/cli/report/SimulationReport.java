package dev.glueorch.cli.report;

import dev.glueorch.cli.simulate.Scenario;
import dev.glueorch.cli.simulate.SimulationResult;
import dev.glueorch.engine.Partitions;
import dev.glueorch.engine.WorkflowRun;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.WorkflowDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The report of a simulation: a section per workflow of every account, with the notifications it sent and, for a
 * partitioned workflow, its partitions as they stood when the simulation ended.
 */
public final class SimulationReport {

    private SimulationReport() {
    }

    /** The report from the scenario's {@code from} until the last run ended. */
    public static Report of(List<Definitions> definitions, Scenario scenario, SimulationResult result,
                            Instant generatedAt) {
        Instant to = result.workflowRuns().stream().map(WorkflowRun::completedOn).filter(Objects::nonNull)
                .max(Instant::compareTo).filter(end -> end.isAfter(scenario.to())).orElse(scenario.to());
        List<WorkflowReport> workflows = new ArrayList<>();
        for (Definitions accountDefinitions : definitions) {
            for (WorkflowDefinition workflow : accountDefinitions.workflows().values()) {
                List<WorkflowRun> runs = result.workflowRuns().stream()
                        .filter(r -> r.workflowName().equals(workflow.name())).toList();
                WorkflowHistory history = new WorkflowHistory(workflow, runs, result.notifications().stream()
                        .filter(n -> Objects.equals(n.workflowName(), workflow.name())).toList(),
                        NotificationSource.SENT);
                // the simulation starts the slots in [from, to), as Simulation does
                workflows.add(WorkflowReport.of(history.withPartitions(Partitions.scheduled(workflow,
                        scenario.from().minusNanos(1), scenario.to().minusNanos(1)), to), null));
            }
        }
        String names = String.join(", ", workflows.stream().map(w -> w.definition().name()).toList());
        return new Report("Run report: " + names + ", simulated", generatedAt, scenario.from(), to, workflows);
    }
}
