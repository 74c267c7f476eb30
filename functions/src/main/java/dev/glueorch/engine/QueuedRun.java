package dev.glueorch.engine;

/** A run that waited for a concurrency slot and has just started, with the trigger that asked for it. */
public record QueuedRun(WorkflowRun run, String startTrigger) {
}
