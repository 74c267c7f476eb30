package dev.glueorch.model;

/** Glue's trigger types. */
public enum TriggerType {
    SCHEDULED, CONDITIONAL, ON_DEMAND, EVENT
}
