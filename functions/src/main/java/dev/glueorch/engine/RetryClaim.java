package dev.glueorch.engine;

/**
 * A waiting action that one retry holds for a while (so a tick and a reconcile pass never start it both).
 * {@code lookUpFirst}: an earlier start's outcome is unknown (its answer was lost, or a retry died while holding it),
 * so Glue is asked for the run by its action id before any new start.
 */
public record RetryClaim(ActionRef action, boolean lookUpFirst) {
}
