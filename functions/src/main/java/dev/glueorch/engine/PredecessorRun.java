package dev.glueorch.engine;

/** Glue's {@code Predecessor}: a job run whose completion fired the trigger that started a run. */
public record PredecessorRun(String jobName, String runId) {
}
