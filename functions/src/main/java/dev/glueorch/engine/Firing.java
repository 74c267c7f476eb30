package dev.glueorch.engine;

import dev.glueorch.model.Trigger;
import java.util.List;

/** A decision: fire {@code trigger} in a run, its actions recording {@code predecessorRuns}. */
public record Firing(Trigger trigger, List<PredecessorRun> predecessorRuns) {

    public Firing {
        predecessorRuns = List.copyOf(predecessorRuns);
    }
}
