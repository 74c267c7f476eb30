package dev.glueorch.engine;

/** What {@link WorkflowRunStore#startRun} did: started the run, found it already there, or queued it. */
public record RunStart(Outcome outcome, WorkflowRun run) {

    public enum Outcome {
        STARTED, EXISTED, QUEUED
    }
}
