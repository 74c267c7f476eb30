package dev.glueorch.testing;

import dev.glueorch.engine.OrchestratorMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps the failed repairs the orchestrator reports, for tests to count. */
public final class RecordingMetrics implements OrchestratorMetrics {

    private final List<String> repairsFailed = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void repairFailed(String workflowName, String what) {
        repairsFailed.add(workflowName + ": " + what);
    }

    /** Each failed repair, as {@code workflow: what}. */
    public List<String> repairsFailed() {
        synchronized (repairsFailed) {
            return List.copyOf(repairsFailed);
        }
    }
}
