package dev.glueorch.engine;

import java.time.Duration;

/** The figures the orchestrator reports about its own work. */
public interface OrchestratorMetrics {

    OrchestratorMetrics NONE = new OrchestratorMetrics() {
    };

    default void eventHandled(String eventType, Duration eventAge) {
    }

    default void triggerFired(String workflowName) {
    }

    default void actionStarted(String workflowName) {
    }

    default void actionStartFailed(String workflowName, String errorCode) {
    }

    /** A repair of the tick or the reconciler ({@code what}: a run, a trigger's schedule, a retry) failed. */
    default void repairFailed(String workflowName, String what) {
    }
}
