package dev.glueorch.cli.simulate;

import dev.glueorch.engine.WorkflowRun;
import java.util.List;

/** Every workflow run of a simulation, oldest first, with its actions. */
public record SimulationResult(List<WorkflowRun> workflowRuns) {

    public SimulationResult {
        workflowRuns = List.copyOf(workflowRuns);
    }
}
