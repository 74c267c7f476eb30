package dev.glueorch.engine;

/** What a trigger's schedule slots have been processed for. */
public enum ScheduleCursor {
    /** Slots whose runs were started (the tick). */
    START,
    /** Slots whose runs were checked against the workflow's {@code ExpectedStartBy} (the reconciler). */
    START_CHECK
}
