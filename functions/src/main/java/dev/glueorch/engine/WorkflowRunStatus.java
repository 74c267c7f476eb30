package dev.glueorch.engine;

/** Glue's {@code WorkflowRunStatus}. */
public enum WorkflowRunStatus {
    RUNNING, COMPLETED, STOPPING, STOPPED, ERROR
}
