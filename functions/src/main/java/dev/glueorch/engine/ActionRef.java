package dev.glueorch.engine;

/** Where an action lives: its workflow run and its id within the orchestrator. */
public record ActionRef(String workflowName, String workflowRunId, String actionId) {
}
