package dev.glueorch.engine;

/**
 * Glue's {@code WorkflowRunStatus}, and the extension {@code QUEUED}: a run waiting for a {@code MaxConcurrentRuns}
 * slot (Glue refuses such a run; the orchestrator keeps it and starts it when a slot frees). A QUEUED run has not
 * started: its {@code StartedOn} is when it leaves the queue.
 */
public enum WorkflowRunStatus {
    RUNNING, COMPLETED, STOPPING, STOPPED, ERROR, QUEUED;

    /** Whether the run has ended (COMPLETED, STOPPED, ERROR): nothing will change it any more. */
    public boolean hasEnded() {
        return this == COMPLETED || this == STOPPED || this == ERROR;
    }
}
