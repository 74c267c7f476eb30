package dev.glueorch.engine;

/**
 * Glue's trigger {@code State} as operators set it (StartTrigger / StopTrigger): a DEACTIVATED SCHEDULED trigger
 * starts nothing and a DEACTIVATED CONDITIONAL one does not fire. Triggers are ACTIVATED unless set otherwise.
 */
public enum TriggerState {
    ACTIVATED, DEACTIVATED
}
